package dev.qwen3vl.inference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.input.image.ImageSource;
import dev.qwen3vl.testing.Fixtures;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The reference cases of the tiny fixture (image and text cases; videos have their own tests) as engine inputs. */
final class GoldenCases {

    private GoldenCases() {}

    /** Ids of the embedding cases without video. */
    static Stream<String> embeddingIds() {
        return cases("embedding").filter(c -> c.path("video").isNull()).map(c -> c.path("id").asText());
    }

    /** Ids of the rerank cases. */
    static Stream<String> rerankIds() {
        return cases("rerank").map(c -> c.path("id").asText());
    }

    /** The images (fixture file names) and texts of a case as one content. */
    static MultimodalContent content(JsonNode images, JsonNode texts) {
        MultimodalContent.Builder content = MultimodalContent.builder();
        images.forEach(i -> content.image(ImageSource.ofPath(Fixtures.image(i.asText()))));
        texts.forEach(t -> content.text(t.asText()));
        return content.build();
    }

    /** The case's instruction, or null for the model's default. */
    static String instruction(JsonNode c) {
        return c.path("instruction").isNull() ? null : c.path("instruction").asText();
    }

    private static Stream<JsonNode> cases(String kind) {
        return StreamSupport.stream(Fixtures.golden().path("cases").spliterator(), false)
                .filter(c -> c.path("kind").asText().equals(kind));
    }
}
