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
import java.lang.management.ManagementFactory;
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
        // hybrid search: the words of the media chunks' texts ("Image harbour-map.png", "Video …", the PDF pages)
        // rank them first by full text, whatever else the other tests ingested
        String question = "Image or video of the timetable, fares and route";

        JsonPath first = ask(question);
        BoundedCache.Stats afterFirst = scoringModel.reranker().visionCacheStats();
        long cpu0 = processCpuNanos();
        JsonPath second = ask(question);
        long cpuNanos = processCpuNanos() - cpu0;
        BoundedCache.Stats afterSecond = scoringModel.reranker().visionCacheStats();
        double thirdMs = ask(question).getDouble("timings.rerankMs");

        List<Map<String, Object>> sources = second.getList("sources");
        long media = sources.stream().filter(s -> MEDIA_KINDS.contains(s.get("kind"))).count();
        System.out.printf("Rerank of %d candidates (%d with an image or video) at top-k 10: first ask %.1f ms, "
                        + "second ask %.1f ms (the whole second ask used %.0f ms of CPU time, load average %.1f), "
                        + "third ask %.1f ms; vision cache after the second ask %s%n", second.getInt("reranked"), media,
                first.getDouble("timings.rerankMs"), second.getDouble("timings.rerankMs"), cpuNanos / 1e6,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), thirdMs, afterSecond);

        assertThat(second.getInt("candidates")).isEqualTo(10);
        assertThat(second.getInt("reranked")).isEqualTo(first.getInt("reranked")).isEqualTo(10);
        assertThat(media).as("media candidates among %s", sources).isPositive();
        assertThat(afterSecond.misses()).as("vision features computed on the second ask")
                .isEqualTo(afterFirst.misses());
        // one hit per media candidate, except that candidates with identical pictures (other tests upload copies)
        // share one lookup when they run in the same forward pass
        assertThat(afterSecond.hits() - afterFirst.hits()).isBetween(1L, media);
        assertThat(afterSecond.maxBytes()).as("quarkus.qwen3vl.scoring.vision-cache default").isEqualTo(256L << 20);
        assertThat(afterSecond.bytes()).isPositive().isLessThanOrEqualTo(afterSecond.maxBytes());
        assertThat(sources).extracting(s -> s.get("id"))
                .containsExactlyElementsOf(first.getList("sources").stream().map(s -> ((Map<?, ?>) s).get("id"))
                        .toList());
        assertThat(sources).extracting(s -> s.get("rerankScore"))
                .containsExactlyElementsOf(first.getList("sources").stream()
                        .map(s -> ((Map<?, ?>) s).get("rerankScore")).toList());
    }

    // CPU time of every thread of this JVM (the application runs in it), or -1 where the JVM does not say
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static JsonPath ask(String question) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("question", question, "topK", 10, "topN", 10, "generate", false, "hybrid", true))
                .post("/api/ask")
                .then().statusCode(200).extract().jsonPath();
    }
}
