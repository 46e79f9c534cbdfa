package dev.qwen3vl.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwen3vl.demo.testing.FakeOpenAiServer;
import dev.qwen3vl.demo.testing.PackagedApp;
import dev.qwen3vl.demo.testing.TestFiles;
import dev.qwen3vl.testing.TestDatabaseUrl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) stopped and started again on the same
 * database and data folder: a conversation and its chat memory survive the restart, a deleted document of the
 * ingestion folder stays deleted, and after a change of the embedding model the store refuses to mix the models
 * until every document is re-indexed. Needs {@code QWEN3VL_TEST_JDBC_URL} (the jar cannot use Dev Services).
 */
class ApplicationRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target/restart-it").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FakeOpenAiServer llm;
    private static String jdbcUrl;

    private Process app;
    private String base;

    @BeforeAll
    static void prepare() throws IOException, SQLException {
        Assumptions.assumeTrue(TestDatabaseUrl.configured().isPresent(), "needs QWEN3VL_TEST_JDBC_URL");
        jdbcUrl = TestDatabaseUrl.configured().get();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS rag_it_32, rag_it_32_model, rag_it_32_documents, rag_it_32_documents_deleted,"
                    + " rag_it_chat_memory, rag_it_chat_turns, rag_it_chat_conversations");
        }
        TestFiles.deleteRecursively(WORK);
        Path corpus = Files.createDirectories(WORK.resolve("corpus"));
        for (String name : List.of("lantern-tide-festival.txt", "kelp-glass.md")) {
            Files.copy(Path.of("corpus", name), corpus.resolve(name));
        }
        Path tiny = Path.of(System.getProperty("qwen3vl.tiny-model")).toAbsolutePath().normalize();
        Files.createDirectories(WORK.resolve("models"));
        Files.createSymbolicLink(WORK.resolve("models/model-a"), tiny);
        Files.createSymbolicLink(WORK.resolve("models/model-b"), tiny);
        llm = new FakeOpenAiServer();
    }

    @AfterAll
    static void stopTheChatModel() {
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    void should_keep_conversations_and_deletions_across_restarts_and_refuse_another_model_until_re_indexed()
            throws Exception {
        start("model-a", 1);
        JsonNode reply = post("/api/chat", Map.of("message", "When is the Lantern Tide festival?"));
        String conversation = reply.path("conversationId").asText();
        String lantern = document("lantern-tide-festival.txt").path("sha256").asText();
        assertThat(request("DELETE", "/api/documents/" + lantern, null).statusCode()).isEqualTo(200);
        stop();

        start("model-a", 2);
        JsonNode stored = json(request("GET", "/api/conversations/" + conversation, null));
        int before = llm.requests().size();
        post("/api/chat", Map.of("conversationId", conversation, "message", "And where does it take place?"));
        List<String> roles = new ArrayList<>();
        llm.requests().get(before).path("messages").forEach(m -> roles.add(m.path("role").asText()));
        JsonNode lanternJob = jobs().stream().filter(j -> j.path("file").asText().equals("lantern-tide-festival.txt"))
                .findFirst().orElseThrow();
        List<String> sources = new ArrayList<>();
        json(request("GET", "/api/documents", null)).forEach(d -> sources.add(d.path("source").asText()));
        stop();

        assertThat(stored.path("turns").get(0).path("question").asText()).isEqualTo("When is the Lantern Tide festival?");
        assertThat(stored.path("turns").get(0).path("reply").path("answer").asText()).isEqualTo(FakeOpenAiServer.ANSWER);
        assertThat(roles).as("the chat model sees the turn from before the restart")
                .containsExactly("system", "user", "assistant", "user");
        assertThat(lanternJob.path("status").asText()).isEqualTo("SKIPPED");
        assertThat(lanternJob.path("stage").asText()).isEqualTo("deleted; upload it to add it again");
        assertThat(sources).containsExactly("kelp-glass.md");

        start("model-b", 3);
        HttpResponse<String> refused = request("GET", "/api/documents", null);
        HttpResponse<String> reindex = request("POST", "/api/documents/reindex", null);
        awaitIngestion();
        JsonNode documents = json(request("GET", "/api/documents", null));
        stop();

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).path("message").asText())
                .contains("holds embeddings of " + WORK.resolve("models/model-a") + " (32 dimensions, float32)")
                .contains("configured for " + WORK.resolve("models/model-b") + " (32 dimensions, float32)")
                .contains("POST /api/documents/reindex");
        assertThat(reindex.statusCode()).isEqualTo(202);
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).path("source").asText()).isEqualTo("kelp-glass.md");
        assertThat(queryLong("SELECT count(*) FROM rag_it_32_model WHERE model_id = '" + WORK.resolve("models/model-b")
                + "'")).isEqualTo(1);
        assertThat(queryLong("SELECT count(*) FROM rag_it_32")).isEqualTo(documents.get(0).path("chunks").asLong());
        assertThat(queryLong("SELECT count(*) FROM rag_it_32 WHERE metadata->>'document_sha256' = '" + lantern + "'"))
                .isZero();
    }

    private void start(String model, int run) throws IOException {
        PackagedApp started = PackagedApp.start(WORK.resolve("app-" + run + ".log"), HTTP, "/q/health/ready",
                Map.of("quarkus.datasource.jdbc.url", jdbcUrl,
                        "quarkus.qwen3vl.embedding.model", WORK.resolve("models").resolve(model).toString(),
                        "quarkus.qwen3vl.scoring.model", System.getProperty("qwen3vl.tiny-model"),
                        "demo.data-dir", WORK.resolve("data").toString(),
                        "demo.ingest.folder", WORK.resolve("corpus").toString(),
                        "demo.store.table-prefix", "rag_it",
                        "demo.chat.table-prefix", "rag_it_chat",
                        "demo.chat.base-url", llm.baseUrl(),
                        "demo.chat.model-name", "fake-model"));
        app = started.process();
        base = started.baseUrl();
        awaitIngestion();
    }

    private void stop() throws InterruptedException {
        app.destroy();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the application stops").isTrue();
    }

    @AfterEach
    void killALeftOverApplication() {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
    }

    private void awaitIngestion() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode progress = json(request("GET", "/api/ingestion", null));
            return progress.path("active").asLong() == 0 && !progress.path("jobs").isEmpty();
        });
    }

    private List<JsonNode> jobs() throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        json(request("GET", "/api/ingestion", null)).path("jobs").forEach(out::add);
        return out;
    }

    private JsonNode document(String source) throws IOException, InterruptedException {
        for (JsonNode d : json(request("GET", "/api/documents", null))) {
            if (d.path("source").asText().equals(source)) {
                return d;
            }
        }
        throw new AssertionError("No document " + source);
    }

    private JsonNode post(String path, Map<String, String> body) throws IOException, InterruptedException {
        return json(request("POST", path, JSON.writeValueAsString(body)));
    }

    private HttpResponse<String> request(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as("%s: %s", response.uri(), response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static long queryLong(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
