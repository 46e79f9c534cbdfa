package dev.qwen3vl.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.qwen3vl.testing.Fixtures;
import io.quarkus.test.QuarkusUnitTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The readiness check reports every model and goes UP once they are loaded. */
class ReadinessTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Polling.class))
            .overrideConfigKey("quarkus.qwen3vl.embedding.model", Fixtures.model().toString())
            .overrideConfigKey("quarkus.qwen3vl.reranker.scoring.enabled", "true")
            .overrideConfigKey("quarkus.qwen3vl.reranker.scoring.model", Fixtures.model().toString());

    @Test
    void should_be_up_with_every_model_ready_after_loading() {
        Polling.until(Duration.ofSeconds(60), () -> given().get("/q/health/ready").statusCode() == 200);

        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Qwen3-VL models' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Qwen3-VL models' }.data.embedding", equalTo("ready"))
                .body("checks.find { it.name == 'Qwen3-VL models' }.data.'reranker.scoring'", equalTo("ready"));
    }
}
