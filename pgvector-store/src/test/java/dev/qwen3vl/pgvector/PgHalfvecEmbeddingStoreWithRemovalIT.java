package dev.qwen3vl.pgvector;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;
import org.junit.jupiter.api.BeforeEach;

/**
 * LangChain4j's contract for removal, on a 384-dimensional {@link VectorStorage#HALFVEC} table.
 */
class PgHalfvecEmbeddingStoreWithRemovalIT extends EmbeddingStoreWithRemovalIT {

    private static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
    private static final PgHalfvecEmbeddingStore STORE = PgHalfvecEmbeddingStore.builder()
            .dataSource(TestDatabase.dataSource())
            .table("it_contract_removal")
            .dimension(384)
            .build();

    @BeforeEach
    void should_start_from_an_empty_table() {
        STORE.removeAll();
    }

    @Override
    protected EmbeddingStore<TextSegment> embeddingStore() {
        return STORE;
    }

    @Override
    protected EmbeddingModel embeddingModel() {
        return MODEL;
    }
}
