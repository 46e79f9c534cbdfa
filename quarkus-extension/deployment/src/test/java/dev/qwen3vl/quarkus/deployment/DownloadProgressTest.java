package dev.qwen3vl.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model downloaded at the first start shows its progress in the readiness check while it downloads and in the
 * log, and is used once complete. The hub ({@link GatedHub}) holds the second half of the weights until the test
 * lets it go.
 */
class DownloadProgressTest {

    private static final String CHECK = "checks.find { it.name == 'Qwen3-VL models' }";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GatedHub.class, Polling.class))
            .overrideConfigKey("quarkus.qwen3vl.embedding.model", GatedHub.TINY_REPO)
            .overrideConfigKey("quarkus.qwen3vl.download.allowed", "true")
            .overrideConfigKey("quarkus.qwen3vl.download.offline", "false")
            .overrideConfigKey("quarkus.qwen3vl.download.endpoint", GatedHub.start())
            .overrideConfigKey("quarkus.qwen3vl.download.cache-dir", GatedHub.emptyCacheDir())
            .setLogRecordPredicate(r -> r.getMessage() != null && r.getMessage().startsWith("Downloading "))
            .assertLogRecords(records -> assertThat(records).map(LogRecord::getMessage)
                    .anyMatch(m -> m.startsWith("Downloading " + GatedHub.TINY_REPO
                            + " model.safetensors [##########] 100% 10.2 MB/10.2 MB")))
            .setAfterAllCustomizer(GatedHub::stop);

    @Inject
    Instance<EmbeddingModel> model;

    @Test
    void should_show_the_download_in_the_readiness_check_then_load_the_model() {
        long size = GatedHub.size("model.safetensors");
        String halfway = "loading: downloading model.safetensors (50%, " + size / 2 + " of " + size + " bytes)";
        Polling.until(Duration.ofSeconds(60), () -> halfway.equals(given().get("/q/health/ready").jsonPath()
                .getString(CHECK + ".data.embedding")));
        given().get("/q/health/ready").then().statusCode(503).body(CHECK + ".status", equalTo("DOWN"));

        GatedHub.release(GatedHub.TINY_REPO);
        Polling.until(Duration.ofSeconds(60), () -> given().get("/q/health/ready").statusCode() == 200);

        given().get("/q/health/ready").then().body(CHECK + ".data.embedding", equalTo("ready"));
        assertThat(model.get().embed("a ferry timetable").content().vector()).hasSize(32);
    }
}
