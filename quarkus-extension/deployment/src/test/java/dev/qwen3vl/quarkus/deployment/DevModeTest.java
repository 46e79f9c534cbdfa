package dev.qwen3vl.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.testing.Fixtures;
import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;
import java.time.Duration;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Development mode: the Dev UI card's page is served, its JSON-RPC service lists the models and embeds a text, and a
 * live reload after a configuration change loads the model again (the native libraries stay loaded across the
 * restart).
 */
class DevModeTest {

    @RegisterExtension
    static final QuarkusDevModeTest APP = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset(
                    "quarkus.qwen3vl.dtype=float32\n" + "quarkus.qwen3vl.embedding.model=" + Fixtures.model().toString() + "\n"), "application.properties"));

    @Test
    void should_show_and_try_the_models_and_reload_them_after_a_configuration_change() throws Exception {
        JsonNode golden = Fixtures.goldenCase("text_default");
        String text = golden.path("texts").get(0).asText();
        awaitReady();
        // dev mode listens on quarkus.http.port, not on the random test port the build asks for
        DevUIJsonRPCTest devUi = new DevUIJsonRPCTest("dev.qwen3vl.quarkus-qwen3vl",
                "http://localhost:" + Integer.getInteger("quarkus.http.port", 8080));

        given().get("/q/dev-ui/quarkus-qwen3vl/qwc-qwen3vl-models.js")
                .then()
                .statusCode(200)
                .body(containsString("customElements.define('qwc-qwen3vl-models'"));
        JsonNode models = devUi.executeJsonRPCMethod("getModels");
        assertThat(models).hasSize(1);
        assertThat(models.get(0).path("task").asText()).isEqualTo("embedding");
        assertThat(models.get(0).path("state").asText()).isEqualTo("ready");
        assertThat(models.get(0).path("dimension").asInt()).isEqualTo(32);

        JsonNode embedding = devUi.executeJsonRPCMethod("embed", Map.of("modelName", "", "text", text));
        assertThat(embedding.path("dimension").asInt()).isEqualTo(32);
        assertThat(embedding.path("tokens").asInt()).isEqualTo(golden.path("input_ids").size());
        float[] expected = Fixtures.floats(golden.path("embedding"));
        for (int i = 0; i < 8; i++) {
            assertThat((float) embedding.path("first").get(i).asDouble()).isCloseTo(expected[i], within(1e-4f));
        }

        APP.modifyResourceFile("application.properties", s -> s + "quarkus.qwen3vl.embedding.dimension=16\n");
        awaitReady(); // an HTTP request triggers the reload

        JsonNode reloaded = devUi.executeJsonRPCMethod("embed", Map.of("modelName", "", "text", text));
        assertThat(reloaded.path("dimension").asInt()).isEqualTo(16);
        float[] expected16 = Fixtures.floats(golden.path("embedding_dim16"));
        for (int i = 0; i < 8; i++) {
            assertThat((float) reloaded.path("first").get(i).asDouble()).isCloseTo(expected16[i], within(1e-4f));
        }
    }

    private static void awaitReady() {
        Polling.until(Duration.ofSeconds(120), () -> given().get("/q/health/ready").statusCode() == 200);
    }
}
