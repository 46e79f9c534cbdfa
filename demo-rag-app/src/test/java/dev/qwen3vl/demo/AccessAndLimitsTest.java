package dev.qwen3vl.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.qwen3vl.demo.testing.DemoTestEnvironment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo with API keys configured (reads protected too) and a small ingestion queue: who may call what (401, 403),
 * the page and health stay open, a full ingestion queue is a 429 with Retry-After, a failed upload's message names
 * the file as sent and no server path, and the server listens on loopback only.
 */
@QuarkusTest
@TestProfile(AccessAndLimitsTest.KeysAndSmallQueues.class)
@WithTestResource(DemoTestEnvironment.class)
class AccessAndLimitsTest {

    private static final String EDITOR = "editor-secret-1";
    private static final String READER = "reader-secret-1";

    /** Keys for both roles, reads protected, at most one file waiting for ingestion, no startup folder. */
    public static class KeysAndSmallQueues implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "demo.security.editor-keys", EDITOR,
                    "demo.security.reader-keys", READER,
                    "demo.security.protect-reads", "true",
                    "demo.limits.ingest-queue", "1",
                    "demo.limits.retry-after", "9s",
                    "demo.ingest.folder", "target/access-test-no-folder");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path temp;

    @Test
    void writes_need_an_editor_key() throws IOException {
        Path text = text("needs-a-key.txt");
        given().multiPart("file", text.toFile()).post("/api/documents")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .body("error", equalTo("unauthorized"));
        given().header("X-API-Key", "not-a-key").multiPart("file", text.toFile()).post("/api/documents")
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + READER).multiPart("file", text.toFile()).post("/api/documents")
                .then().statusCode(403).body("error", equalTo("forbidden"));
        given().header("X-API-Key", READER).post("/api/documents/reindex").then().statusCode(403);
        given().header("X-API-Key", READER).delete("/api/documents/" + "0".repeat(64)).then().statusCode(403);
        given().post("/api/ingestion/1/retry").then().statusCode(401);
        given().header("X-API-Key", READER).delete("/api/conversations/" + UUID.randomUUID()).then().statusCode(403);
        // a reader's cookie does not make a write either (the page sends writes with the header)
        given().cookie("demo_api_key", EDITOR).post("/api/documents/reindex").then().statusCode(401);

        awaitNothingQueued();
        given().header("Authorization", "Bearer " + EDITOR).multiPart("file", text.toFile())
                .post("/api/documents").then().statusCode(202);
    }

    @Test
    void protected_reads_need_a_reader_or_editor_key_and_the_page_stays_open() {
        given().get("/api/documents").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"question\": \"ferry\"}").post("/api/ask")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"message\": \"ferry\"}").post("/api/chat")
                .then().statusCode(401);
        given().header("X-API-Key", READER).get("/api/documents").then().statusCode(200);
        given().header("Authorization", "Bearer " + EDITOR).get("/api/ingestion").then().statusCode(200);
        given().cookie("demo_api_key", READER).get("/api/documents").then().statusCode(200);

        given().get("/").then().statusCode(200).body(containsString("id=\"api-key\""));
        given().get("/app.js").then().statusCode(200).body(containsString("X-API-Key"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void a_full_ingestion_queue_is_429_with_retry_after_and_stores_nothing() throws IOException {
        Path a = text("queue-a.txt");
        Path b = text("queue-b.txt");
        long uploadsBefore = uploadsStored();
        editor().multiPart("file", a.toFile()).multiPart("file", b.toFile()).post("/api/documents")
                .then().statusCode(429).header("Retry-After", "9")
                .body("error", equalTo("too_many_requests"))
                .body("message", containsString("demo.limits.ingest-queue"));
        assertThat(uploadsStored()).isEqualTo(uploadsBefore);
    }

    @Test
    void a_failed_upload_names_the_file_as_sent_and_no_server_path() throws IOException {
        // a PNG signature and header chunk, then nothing: sniffed as an image, fails to decode
        Path png = temp.resolve("holiday-photo.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
            'R', 0, 0, 0, 4, 0, 0, 0, 4, 8, 2, 0, 0, 0, 1, 2, 3, 4});
        awaitNothingQueued();
        long id = editor().multiPart("file", png.toFile()).post("/api/documents")
                .then().statusCode(202).extract().jsonPath().getLong("jobs[0].id");
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> "FAILED".equals(editor().get("/api/ingestion/" + id).then().extract().path("status")));
        String error = editor().get("/api/ingestion/" + id).then().extract().path("error");
        assertThat(error).contains("holiday-photo.png")
                .doesNotContain(DemoTestEnvironment.DATA_DIR.toAbsolutePath().toString())
                .doesNotContain("uploads/").doesNotContain(Path.of("").toAbsolutePath().toString());
    }

    @Test
    void the_server_listens_on_loopback_only() throws IOException {
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        Assumptions.assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this machine");
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress("127.0.0.1", root.getPort()), 10_000);
        }
        try (Socket outside = new Socket()) {
            outside.connect(new InetSocketAddress(external.get(), root.getPort()), 10_000);
            throw new AssertionError("The server accepted a connection on " + external.get());
        } catch (ConnectException expected) {
            assertThat(expected).hasMessageContaining("refused");
        }
    }

    // the queue holds one file: wait until the other tests' uploads are through
    private static void awaitNothingQueued() {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> editor().get("/api/ingestion").then().statusCode(200).extract().jsonPath()
                        .getInt("active") == 0);
    }

    private static RequestSpecification editor() {
        return given().header("X-API-Key", EDITOR);
    }

    private Path text(String name) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, "Access test " + name + " " + System.nanoTime());
        return file;
    }

    private static long uploadsStored() throws IOException {
        Path uploads = DemoTestEnvironment.DATA_DIR.resolve("uploads");
        if (!Files.isDirectory(uploads)) {
            return 0;
        }
        try (var files = Files.list(uploads)) {
            return files.count();
        }
    }
}
