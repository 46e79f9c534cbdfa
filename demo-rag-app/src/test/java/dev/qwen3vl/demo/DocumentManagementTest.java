package dev.qwen3vl.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.qwen3vl.demo.testing.DemoApi;
import dev.qwen3vl.demo.testing.DemoTestEnvironment;
import dev.qwen3vl.demo.testing.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents as a user manages them, on the real database and data folder: deleting leaves no row, record or file of
 * the document; re-indexing replaces its chunks without duplicates; an exact code is found by hybrid search. Only
 * documents uploaded by these tests are changed (the corpus is shared with the other tests).
 */
@QuarkusTest
@WithTestResource(DemoTestEnvironment.class)
class DocumentManagementTest {

    private static final String CHUNKS = "rag_test_32";
    private static final String DOCUMENTS = "rag_test_32_documents";

    @Inject
    DataSource dataSource;

    @TempDir
    Path temp;

    Sql sql;

    @BeforeEach
    void waitForIngestion() {
        sql = new Sql(dataSource);
        DemoApi.awaitIngestionIdle();
    }

    @Test
    void should_delete_the_rows_record_media_and_upload_of_a_document_and_add_it_again_on_upload()
            throws IOException {
        Path pdf = temp.resolve("deletable-" + System.nanoTime() + ".pdf");
        Files.copy(Path.of("corpus/ferry-timetable.pdf"), pdf);
        // a different file: the same bytes would be recognised as the corpus's timetable
        Files.write(pdf, "\n%% deletable copy\n".getBytes(StandardCharsets.US_ASCII),
                java.nio.file.StandardOpenOption.APPEND);
        JsonPath job = DemoApi.awaitJob(DemoApi.upload(pdf).getLong("id"), "DONE", "FAILED");
        String sha = job.getString("sha256");
        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(files(sha)).hasSize(7); // 3 pages and 3 thumbnails, the upload
        assertThat(given().get("/api/documents").jsonPath().getList("sha256")).contains(sha);

        JsonPath deleted = given().delete("/api/documents/" + sha).then().statusCode(200).extract().jsonPath();

        assertThat(deleted.getInt("chunks")).isEqualTo(3);
        assertThat(deleted.getInt("files")).isEqualTo(7);
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS + " WHERE metadata->>'document_sha256' = ?", sha))
                .isZero();
        assertThat(sql.longValue("SELECT count(*) FROM " + DOCUMENTS + " WHERE sha256 = ?", sha)).isZero();
        assertThat(files(sha)).isEmpty();
        assertThat(given().get("/api/documents").jsonPath().getList("sha256")).doesNotContain(sha);
        given().get("/api/media/" + sha + "-p1.png").then().statusCode(404);
        given().delete("/api/documents/" + sha).then().statusCode(404).body("error", equalTo("not_found"));

        JsonPath again = DemoApi.awaitJob(DemoApi.upload(pdf).getLong("id"), "DONE", "SKIPPED", "FAILED");
        assertThat(again.getString("status")).isEqualTo("DONE");
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS + " WHERE metadata->>'document_sha256' = ?", sha))
                .isEqualTo(3);
        assertThat(files(sha)).hasSize(7);
    }

    @Test
    void should_replace_the_chunks_of_a_re_indexed_document_without_duplicates() throws IOException {
        Path notes = Files.writeString(temp.resolve("harbour-notes-" + System.nanoTime() + ".md"),
                "# Harbour notes\n\nThe harbour master keeps permit code QV-5581 for the night berth.\n\n"
                        + "# Tides\n\n" + "High tide at Port Verrow is announced by the bell. ".repeat(30));
        String sha = DemoApi.awaitJob(DemoApi.upload(notes).getLong("id"), "DONE", "FAILED").getString("sha256");
        List<String> before = sql.rows("SELECT id FROM " + CHUNKS + " WHERE metadata->>'document_sha256' = ? ORDER BY"
                + " id", sha).stream().map(r -> r.get(0)).toList();
        long rows = sql.longValue("SELECT count(*) FROM " + CHUNKS);
        sql.execute("UPDATE " + CHUNKS + " SET text = 'stale' WHERE metadata->>'document_sha256' = '" + sha + "'");

        JsonPath job = given().post("/api/documents/" + sha + "/reindex").then().statusCode(202)
                .body("origin", equalTo("reindex")).extract().jsonPath();
        JsonPath done = DemoApi.awaitJob(job.getLong("id"), "DONE", "SKIPPED", "FAILED");

        assertThat(done.getString("status")).isEqualTo("DONE");
        assertThat(sql.rows("SELECT id FROM " + CHUNKS + " WHERE metadata->>'document_sha256' = ? ORDER BY id", sha)
                .stream().map(r -> r.get(0)).toList()).isEqualTo(before);
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS + " WHERE metadata->>'document_sha256' = ? AND"
                + " text = 'stale'", sha)).isZero();
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS)).isEqualTo(rows);
        assertThat(sql.longValue("SELECT count(*) FROM " + DOCUMENTS + " WHERE sha256 = ?", sha)).isEqualTo(1);
        given().post("/api/documents/" + "0".repeat(64) + "/reindex").then().statusCode(404);
        given().delete("/api/documents/not-a-hash").then().statusCode(404);
    }

    @Test
    void should_find_an_exact_code_with_hybrid_search() throws IOException {
        Path notes = Files.writeString(temp.resolve("berth-permits-" + System.nanoTime() + ".txt"),
                "Night berths at Port Verrow need the permit code ZT-4419 from the harbour master.");
        String source = DemoApi.awaitJob(DemoApi.upload(notes).getLong("id"), "DONE", "FAILED").getString("file");

        List<Map<String, Object>> sources = given().contentType(ContentType.JSON)
                .body(Map.of("question", "ZT-4419", "topK", 3, "topN", 3, "generate", false, "hybrid", true))
                .post("/api/ask").then().statusCode(200).extract().jsonPath().getList("sources");

        // the only chunk containing the code is first in the full-text ranking, which gives it the highest fused
        // score any chunk can get from the vector ranking alone
        assertThat(sources).extracting(s -> s.get("source")).contains(source);
    }

    @Test
    void should_report_the_relevance_notice_exactly_when_the_best_passage_scores_below_the_threshold() {
        JsonPath response = given().contentType(ContentType.JSON)
                .body(Map.of("question", "lighthouse", "topK", 5, "topN", 1, "generate", false))
                .post("/api/ask").then().statusCode(200).extract().jsonPath();

        double best = response.getDouble("sources[0].rerankScore");
        if (best < 0.5) {
            assertThat(response.getString("notice")).startsWith("Nothing relevant found: the best passage scores")
                    .contains("below 0.50 (demo.retrieval.min-rerank-score)");
        } else {
            assertThat(response.getString("notice")).isNull();
        }
        given().contentType(ContentType.JSON).body(Map.of("question", "x", "hybrid", "maybe")).post("/api/ask")
                .then().statusCode(400);
        given().get("/api/info").then().body("hybridSearch", equalTo(true)).body("chatVision", equalTo(true))
                .body("models.embedding.state", containsString("ready"));
    }

    /** The files of a document in the data folder: its media and its upload. */
    private static List<Path> files(String sha) throws IOException {
        Path uploads = DemoTestEnvironment.DATA_DIR.resolve("uploads").resolve(sha);
        try (Stream<Path> media = Files.list(DemoTestEnvironment.DATA_DIR.resolve("media"));
             Stream<Path> upload = Files.exists(uploads) ? Files.list(uploads) : Stream.empty()) {
            return Stream.concat(media.filter(p -> p.getFileName().toString().startsWith(sha)), upload).toList();
        }
    }
}
