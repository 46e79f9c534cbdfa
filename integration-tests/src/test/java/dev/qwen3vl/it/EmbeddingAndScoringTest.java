package dev.qwen3vl.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application as configured in application.properties: the tiny model for embedding and scoring. */
@QuarkusTest
class EmbeddingAndScoringTest {

    @Test
    void should_embed_like_the_reference_implementation() {
        JsonNode golden = Fixtures.goldenCase("text_default");

        float[] vector = Client.embed(golden.path("texts").get(0).asText());

        assertThat(vector).containsExactly(Fixtures.floats(golden.path("embedding")), within(1e-4f));
    }

    @Test
    void should_score_like_the_reference_implementation() {
        JsonNode paris = Fixtures.goldenCase("text_paris");
        JsonNode bananas = Fixtures.goldenCase("text_bananas");
        String query = paris.path("query_texts").get(0).asText();

        List<Double> scores = Client.score(query, List.of(paris.path("doc_texts").get(0).asText(),
                bananas.path("doc_texts").get(0).asText()));

        assertThat(scores).hasSize(2);
        assertThat(scores.get(0)).isCloseTo(paris.path("score").asDouble(), within(1e-4));
        assertThat(scores.get(1)).isCloseTo(bananas.path("score").asDouble(), within(1e-4));
    }

    @Test
    void should_be_ready() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'Qwen3-VL models' }.data.embedding", equalTo("ready"))
                .body("checks.find { it.name == 'Qwen3-VL models' }.data.scoring", equalTo("ready"));
    }
}
