package dev.qwen3vl.langchain4j;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.common.AbstractEmbeddingModelIT;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.qwen3vl.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/** LangChain4j's own contract for embedding models, on the tiny fixture model, with a bundled image. */
class Qwen3VlEmbeddingModelIT extends AbstractEmbeddingModelIT {

    private Qwen3VlEmbeddingModel withListener;
    private Qwen3VlEmbeddingModel failing;

    /** A fresh model per test: JUnit closes AutoCloseable arguments after each parameterized invocation. */
    @Override
    protected List<EmbeddingModel> models() {
        return List.of(Qwen3VlEmbeddingModel.builder().modelPath(Fixtures.model()).build());
    }

    @Override
    protected EmbeddingModel modelWith(EmbeddingModelListener listener) {
        withListener = Qwen3VlEmbeddingModel.builder().modelPath(Fixtures.model()).listeners(List.of(listener)).build();
        return withListener;
    }

    /** Fails on every input: a length limit below any prompt. */
    @Override
    protected EmbeddingModel failingModelWith(EmbeddingModelListener listener) {
        failing = Qwen3VlEmbeddingModel.builder()
                .modelPath(Fixtures.model())
                .maxLength(16)
                .listeners(List.of(listener))
                .build();
        return failing;
    }

    /** The tiny model's hidden size is 32. */
    @Override
    protected int dimensionsParameter() {
        return 16;
    }

    @Override
    protected ImageContent catImage() {
        try {
            byte[] png = Files.readAllBytes(Fixtures.image("a_64x96.png"));
            return ImageContent.from(Base64.getEncoder().encodeToString(png), "image/png");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void closeModels() {
        for (Qwen3VlEmbeddingModel m : new Qwen3VlEmbeddingModel[] {withListener, failing}) {
            if (m != null) {
                m.close();
            }
        }
    }
}
