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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the packaged application in the middle of ingestion (folder files and uploads queued, some
 * done, some not), then a restart on the same database and data folder: every file ends up ingested exactly once,
 * one document row each, its chunks stored once. Needs {@code QWEN3VL_TEST_JDBC_URL}.
 */
class KillDuringIngestionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target/kill-it").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int FOLDER_FILES = 8;
    private static final int UPLOADS = 4;

    private static FakeOpenAiServer llm;
    private static String jdbcUrl;

    private Process app;
    private String base;

    @BeforeAll
    static void prepare() throws IOException, SQLException {
        Assumptions.assumeTrue(TestDatabaseUrl.configured().isPresent(), "needs QWEN3VL_TEST_JDBC_URL");
        jdbcUrl = TestDatabaseUrl.configured().get();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS rag_kill_32, rag_kill_32_model, rag_kill_32_documents,"
                    + " rag_kill_32_documents_deleted, rag_kill_chat_memory, rag_kill_chat_turns,"
                    + " rag_kill_chat_conversations");
        }
        TestFiles.deleteRecursively(WORK);
        Path corpus = Files.createDirectories(WORK.resolve("corpus"));
        for (int f = 0; f < FOLDER_FILES; f++) {
            Files.writeString(corpus.resolve("logbook-" + f + ".txt"), logbook("folder " + f));
        }
        llm = new FakeOpenAiServer();
    }

    @AfterAll
    static void stopTheChatModel() {
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    void every_file_is_ingested_exactly_once_after_a_kill_during_ingestion() throws Exception {
        start(1);
        List<Path> uploads = new ArrayList<>();
        for (int u = 0; u < UPLOADS; u++) {
            Path file = Files.writeString(WORK.resolve("upload-" + u + ".txt"), logbook("upload " + u));
            uploads.add(file);
            assertThat(upload(file).statusCode()).isEqualTo(202);
        }
        // kill once some files are done and others are still queued or running
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Integer> statuses = statuses();
            return statuses.getOrDefault("DONE", 0) >= 1 && progress().path("active").asLong() >= 2;
        });
        Map<String, Integer> atKill = statuses();
        app.destroyForcibly(); // SIGKILL: no shutdown hook, no transaction finished
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long documentsAtKill = queryLong("SELECT count(*) FROM rag_kill_32_documents");

        start(2);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> progress().path("active").asLong() == 0);
        Map<String, Integer> after = statuses();
        app.destroy();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();

        System.out.printf("kill -9 during ingestion: jobs at the kill %s, documents stored then %d; after the "
                + "restart %s%n", atKill, documentsAtKill, after);
        assertThat(documentsAtKill).as("the kill came in the middle").isLessThan(FOLDER_FILES + UPLOADS);
        assertThat(after).doesNotContainKey("FAILED");
        List<String> sources = queryStrings("SELECT source FROM rag_kill_32_documents ORDER BY source");
        List<String> expected = new ArrayList<>();
        for (int f = 0; f < FOLDER_FILES; f++) {
            expected.add("logbook-" + f + ".txt");
        }
        for (Path u : uploads) {
            expected.add(u.getFileName().toString());
        }
        assertThat(sources).as("one document per file").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(queryLong("SELECT count(*) FROM rag_kill_32_documents d WHERE d.chunks <> (SELECT count(*) FROM"
                + " rag_kill_32 c WHERE c.metadata->>'document_sha256' = d.sha256)"))
                .as("documents whose stored chunks differ from their count").isZero();
        assertThat(queryLong("SELECT count(*) - count(DISTINCT (metadata->>'document_sha256', text)) FROM rag_kill_32"))
                .as("duplicated chunks").isZero();
        assertThat(queryLong("SELECT count(*) FROM rag_kill_32 c WHERE NOT EXISTS (SELECT 1 FROM"
                + " rag_kill_32_documents d WHERE d.sha256 = c.metadata->>'document_sha256')"))
                .as("chunks of no document").isZero();
    }

    /** About 40 chunks of distinct lines. */
    private static String logbook(String label) {
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 400; line++) {
            sb.append("Logbook ").append(label).append(", entry ").append(line).append(": the ferry crossed at ")
                    .append(UUID.nameUUIDFromBytes((label + line).getBytes(StandardCharsets.UTF_8))).append(".\n");
        }
        return sb.toString();
    }

    private void start(int run) throws IOException {
        String tiny = System.getProperty("qwen3vl.tiny-model");
        PackagedApp started = PackagedApp.start(WORK.resolve("app-" + run + ".log"), HTTP, "/q/health/live",
                Map.of("quarkus.datasource.jdbc.url", jdbcUrl,
                        "quarkus.qwen3vl.embedding.model", tiny,
                        "quarkus.qwen3vl.scoring.model", tiny,
                        "demo.data-dir", WORK.resolve("data").toString(),
                        "demo.ingest.folder", WORK.resolve("corpus").toString(),
                        "demo.store.table-prefix", "rag_kill",
                        "demo.chat.table-prefix", "rag_kill_chat",
                        "demo.chat.base-url", llm.baseUrl(),
                        "demo.chat.model-name", "fake-model"));
        app = started.process();
        base = started.baseUrl();
    }

    @AfterEach
    void killALeftOverApplication() {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
    }

    private JsonNode progress() throws IOException, InterruptedException {
        HttpResponse<String> response = request("GET", "/api/ingestion");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private Map<String, Integer> statuses() throws IOException, InterruptedException {
        Map<String, Integer> out = new HashMap<>();
        progress().path("jobs").forEach(j -> out.merge(j.path("status").asText(), 1, Integer::sum));
        return out;
    }

    private HttpResponse<String> upload(Path file) throws IOException, InterruptedException {
        String boundary = "kill-it-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: text/plain\r\n\r\n";
        byte[] body = concat(head.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file),
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/documents"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private HttpResponse<String> request(String method, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long queryLong(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> queryStrings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
