package dev.qwen3vl.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.qwen3vl.testing.Fixtures;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With Micrometer in the application, the models' work shows in the Prometheus scrape, tagged by model. */
class MetricsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.qwen3vl.embedding.model", Fixtures.model().toString())
            .overrideConfigKey("quarkus.qwen3vl.scoring.model", Fixtures.model().toString());

    @Inject
    EmbeddingModel embeddingModel;

    @Inject
    ScoringModel scoringModel;

    @Test
    void should_count_embeddings_tokens_and_forward_passes_per_model() {
        JsonNode embedding = Fixtures.goldenCase("text_default");
        JsonNode rerank = Fixtures.goldenCase("text_paris");
        embeddingModel.embed(embedding.path("texts").get(0).asText());
        scoringModel.score(rerank.path("doc_texts").get(0).asText(), rerank.path("query_texts").get(0).asText());

        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();

        String e = "model=\"<default>\",task=\"embedding\"";
        String s = "model=\"<default>\",task=\"scoring\"";
        String success = "model=\"<default>\",outcome=\"success\",task=\"embedding\"";
        assertThat(value(scrape, "qwen3vl_embeddings_total", e)).isEqualTo(1.0);
        assertThat(value(scrape, "qwen3vl_embedding_requests_seconds_count", success))
                .isEqualTo(1.0);
        assertThat(value(scrape, "qwen3vl_embedding_requests_seconds_sum", success))
                .isGreaterThan(0.0);
        assertThat(value(scrape, "qwen3vl_forward_passes_seconds_count", e)).isEqualTo(1.0);
        assertThat(value(scrape, "qwen3vl_batch_size_sum", e)).isEqualTo(1.0);
        assertThat(value(scrape, "qwen3vl_sequences_total", e)).isEqualTo(1.0);
        assertThat(value(scrape, "qwen3vl_tokens_total", e)).isEqualTo(embedding.path("input_ids").size());
        assertThat(value(scrape, "qwen3vl_queue_depth", e)).isEqualTo(0.0);
        assertThat(value(scrape, "qwen3vl_requests_abandoned_total", e)).isEqualTo(0.0);

        assertThat(value(scrape, "qwen3vl_forward_passes_seconds_count", s)).isEqualTo(1.0);
        assertThat(value(scrape, "qwen3vl_sequences_total", s)).isEqualTo(1.0);
        assertThat(value(scrape, "qwen3vl_tokens_total", s)).isEqualTo(rerank.path("input_ids").size());
        assertThat(scrape).doesNotContain("qwen3vl_embeddings_total{" + s);
    }

    // the value of a sample; Prometheus sorts the tags by name
    private static double value(String scrape, String metric, String tags) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric + "{" + tags + "}") + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("%s{%s} in%n%s", metric, tags, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
