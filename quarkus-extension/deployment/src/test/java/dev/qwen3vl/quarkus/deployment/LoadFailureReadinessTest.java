package dev.qwen3vl.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import dev.qwen3vl.quarkus.runtime.ModelUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hub id that has to be downloaded loads in the background: the application starts at once, readiness is DOWN
 * while the model loads and stays DOWN with the reason when the load fails, and the bean then fails with that
 * reason. The hub is a local server that answers 404 only when the test lets it ({@link GatedHub}).
 */
class LoadFailureReadinessTest {

    private static final String CHECK = "checks.find { it.name == 'Qwen3-VL models' }";
    private static final String MISSING = "test-org/missing-model";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GatedHub.class, Polling.class))
            .overrideConfigKey("quarkus.qwen3vl.embedding.model", MISSING)
            .overrideConfigKey("quarkus.qwen3vl.download.allowed", "true")
            .overrideConfigKey("quarkus.qwen3vl.download.offline", "false")
            .overrideConfigKey("quarkus.qwen3vl.download.endpoint", GatedHub.start())
            .overrideConfigKey("quarkus.qwen3vl.download.cache-dir", GatedHub.emptyCacheDir())
            .setAfterAllCustomizer(GatedHub::stop);

    @Inject
    Instance<EmbeddingModel> model;

    @Test
    void should_report_loading_then_the_failure_and_fail_the_bean_with_the_reason() {
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(CHECK + ".status", equalTo("DOWN"))
                .body(CHECK + ".data.embedding", equalTo("loading"));

        GatedHub.release(MISSING);
        Polling.until(Duration.ofSeconds(60), () -> given().get("/q/health/ready").jsonPath()
                .getString(CHECK + ".data.embedding").startsWith("failed"));

        String failure = given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(CHECK + ".status", equalTo("DOWN"))
                .extract().jsonPath().getString(CHECK + ".data.embedding");
        assertThat(failure)
                .contains("quarkus.qwen3vl.embedding.model=" + MISSING)
                .contains("HTTP 404");
        assertThatThrownBy(() -> model.get().embed("text"))
                .satisfies(e -> assertThat(causes(e)).as("the failure is a ModelUnavailableException (HTTP 503 in"
                        + " an application)").hasAtLeastOneElementOfType(ModelUnavailableException.class))
                .hasStackTraceContaining("quarkus.qwen3vl.embedding.model=" + MISSING);
    }

    private static java.util.List<Throwable> causes(Throwable e) {
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }
}
