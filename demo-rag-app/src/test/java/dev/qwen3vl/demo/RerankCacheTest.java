package dev.qwen3vl.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.demo.testing.DemoApi;
import dev.qwen3vl.demo.testing.DemoTestEnvironment;
import dev.qwen3vl.langchain4j.Qwen3VlScoringModel;
import dev.qwen3vl.util.BoundedCache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Asking again reranks page images, pictures and video clips from the scoring model's vision cache: the second ask
 * of the same question computes no vision feature, has a hit for every media candidate, and gives exactly the scores
 * of the first. Prints the rerank time of both asks (measured, not asserted).
 */
@QuarkusTest
@WithTestResource(DemoTestEnvironment.class)
class RerankCacheTest {

    private static final Path CORPUS = Path.of("corpus");
    private static final Set<String> MEDIA_KINDS = Set.of("pdf", "image", "video");

    @Inject
    Qwen3VlScoringModel scoringModel;

    @Test
    void should_rerank_the_second_ask_from_the_vision_cache_with_identical_scores() {
        DemoApi.awaitIngestionIdle();
        for (String name : List.of("ferry-timetable.pdf", "harbour-map.png", "skerrow-light.mp4")) {
            JsonPath job = DemoApi.upload(CORPUS.resolve(name)); // skipped when the corpus already holds it
            assertThat(DemoApi.awaitJob(job.getLong("id"), "DONE", "SKIPPED", "FAILED").getString("status"))
                    .as(name).isIn("DONE", "SKIPPED");
        }
        String question = "Which pictures, pages and clips show the harbour, the lighthouse and the ferry times?";

        JsonPath first = ask(question);
        BoundedCache.Stats afterFirst = scoringModel.reranker().visionCacheStats();
        JsonPath second = ask(question);
        BoundedCache.Stats afterSecond = scoringModel.reranker().visionCacheStats();

        List<Map<String, Object>> sources = second.getList("sources");
        long media = sources.stream().filter(s -> MEDIA_KINDS.contains(s.get("kind"))).count();
        System.out.printf("Rerank of %d candidates (%d with an image or video) at top-k 10: first ask %.1f ms, "
                        + "second ask %.1f ms; vision cache %s%n", second.getInt("reranked"), media,
                first.getDouble("timings.rerankMs"), second.getDouble("timings.rerankMs"), afterSecond);

        assertThat(second.getInt("candidates")).isEqualTo(10);
        assertThat(second.getInt("reranked")).isEqualTo(first.getInt("reranked")).isEqualTo(10);
        assertThat(media).as("media candidates among %s", sources).isPositive();
        assertThat(afterSecond.misses()).as("vision features computed on the second ask")
                .isEqualTo(afterFirst.misses());
        assertThat(afterSecond.hits() - afterFirst.hits()).isEqualTo(media);
        assertThat(afterSecond.bytes()).isPositive().isLessThanOrEqualTo(afterSecond.maxBytes());
        assertThat(sources).extracting(s -> s.get("id"))
                .containsExactlyElementsOf(first.getList("sources").stream().map(s -> ((Map<?, ?>) s).get("id"))
                        .toList());
        assertThat(sources).extracting(s -> s.get("rerankScore"))
                .containsExactlyElementsOf(first.getList("sources").stream()
                        .map(s -> ((Map<?, ?>) s).get("rerankScore")).toList());
    }

    private static JsonPath ask(String question) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("question", question, "topK", 10, "topN", 10, "generate", false, "hybrid", false))
                .post("/api/ask")
                .then().statusCode(200).extract().jsonPath();
    }
}
