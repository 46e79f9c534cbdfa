package dev.qwen3vl.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.qwen3vl.demo.ingest.Hashing;
import dev.qwen3vl.demo.testing.DemoApi;
import dev.qwen3vl.demo.testing.DemoTestEnvironment;
import dev.qwen3vl.demo.testing.Sql;
import dev.qwen3vl.demo.testing.TcpProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the running application's surroundings: the database going away while users chat and ask (clear 503s,
 * then answers again once it is back, nothing half-stored), and a full upload folder (a 64 KiB tmpfs mounted over
 * it: 507 with the file's name, no partial file, no job, no row; the same upload succeeds once there is space).
 * The database outage during ingestion is {@link RagEndToEndTest}'s.
 */
@QuarkusTest
@WithTestResource(DemoTestEnvironment.class)
class FaultToleranceTest {

    private static final String DOCUMENTS = "rag_test_32_documents";
    private static final String CHUNKS = "rag_test_32";

    @Inject
    DataSource dataSource;

    TcpProxy database;

    @TempDir
    Path temp;

    Sql sql;

    @BeforeEach
    void waitForIngestion() {
        sql = new Sql(dataSource);
        DemoApi.awaitIngestionIdle();
    }

    @Test
    void chat_and_ask_answer_503_while_the_database_is_down_and_work_again_when_it_is_back() throws IOException {
        Assumptions.assumeTrue(database != null, "needs QWEN3VL_TEST_JDBC_URL: the database is reached through a proxy");
        // one answered turn first: the chat tables exist from then on
        given().contentType(ContentType.JSON).body(Map.of("message", "Is the ferry running?")).post("/api/chat")
                .then().statusCode(200);
        long conversations = sql.longValue("SELECT count(*) FROM rag_test_chat_conversations");
        long turns = sql.longValue("SELECT count(*) FROM rag_test_chat_turns");

        database.cut();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    given().get("/q/health/ready").then().statusCode(503));
            given().contentType(ContentType.JSON).body(Map.of("message", "When does the ferry leave?"))
                    .post("/api/chat")
                    .then().statusCode(503).contentType(ContentType.JSON)
                    .body("error", equalTo("database_unavailable"))
                    .body("message", containsString("The database is unreachable"));
            given().contentType(ContentType.JSON).body(Map.of("question", "When does the ferry leave?"))
                    .post("/api/ask")
                    .then().statusCode(503).body("error", equalTo("database_unavailable"))
                    .body("message", containsString("The database is unreachable"));
            given().get("/api/documents").then().statusCode(503).body("error", equalTo("database_unavailable"));
        } finally {
            database.restore();
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
        JsonPath reply = given().contentType(ContentType.JSON).body(Map.of("message", "When does the ferry leave?"))
                .post("/api/chat").then().statusCode(200).extract().jsonPath();
        assertThat(reply.getString("conversationId")).isNotBlank();
        // the refused turn left nothing behind; the answered one is stored once
        assertThat(sql.longValue("SELECT count(*) FROM rag_test_chat_conversations")).isEqualTo(conversations + 1);
        assertThat(sql.longValue("SELECT count(*) FROM rag_test_chat_turns")).isEqualTo(turns + 1);
    }

    @Test
    void a_full_upload_folder_gives_507_with_the_file_name_and_stores_nothing() throws Exception {
        Path uploads = DemoTestEnvironment.DATA_DIR.resolve("uploads").toAbsolutePath();
        Path file = temp.resolve("harbour-notes.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 100_000; i++) {
            text.append("Harbour note ").append(i).append(": the ferry waits for the tide at ").append(System.nanoTime())
                    .append(".\n");
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        String sha256 = Hashing.sha256(file);
        int jobsBefore = DemoApi.jobs().size();

        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", uploads.toString()) == 0,
                "mounting a 64 KiB tmpfs needs root (mount -t tmpfs)");
        JsonPath refused;
        List<Path> left;
        try {
            refused = given().multiPart("file", file.toFile()).post("/api/documents")
                    .then().statusCode(507).contentType(ContentType.JSON)
                    .body("error", equalTo("insufficient_storage"))
                    .body("message", containsString("'harbour-notes.txt'"))
                    .body("message", not(containsString(uploads.toString())))
                    .body("message", not(containsString(DemoTestEnvironment.DATA_DIR.toString())))
                    .extract().jsonPath();
            try (Stream<Path> files = Files.walk(uploads)) {
                left = files.filter(Files::isRegularFile).toList();
            }
        } finally {
            assertThat(run("umount", uploads.toString())).as("umount " + uploads).isZero();
        }

        assertThat(refused.getString("message")).contains("upload folder is full");
        assertThat(left).as("no partial upload in the full folder").isEmpty();
        assertThat(DemoApi.jobs()).as("no ingestion job").hasSize(jobsBefore);
        assertThat(Files.exists(uploads.resolve(sha256))).isFalse();
        assertThat(sql.longValue("SELECT count(*) FROM " + DOCUMENTS + " WHERE sha256 = ?", sha256)).isZero();
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS + " WHERE metadata->>'document_sha256' = ?",
                sha256)).isZero();

        // with space again, the same upload is accepted and ingested once
        JsonPath job = DemoApi.awaitJob(DemoApi.upload(file).getLong("id"), "DONE", "FAILED");
        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(sql.longValue("SELECT count(*) FROM " + DOCUMENTS + " WHERE sha256 = ?", sha256)).isEqualTo(1);
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS + " WHERE metadata->>'document_sha256' = ?",
                sha256)).isEqualTo(job.getInt("added"));
        assertThat(given().delete("/api/documents/" + sha256).statusCode()).isEqualTo(200);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.out.println(String.join(" ", command) + ": " + output);
        }
        return p.exitValue();
    }
}
