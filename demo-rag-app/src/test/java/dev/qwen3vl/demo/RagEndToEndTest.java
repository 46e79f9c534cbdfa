package dev.qwen3vl.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.qwen3vl.demo.testing.DemoApi;
import dev.qwen3vl.demo.testing.DemoTestEnvironment;
import dev.qwen3vl.demo.testing.Sql;
import dev.qwen3vl.demo.testing.TcpProxy;
import dev.qwen3vl.langchain4j.Qwen3VlMetadata;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end on the real database with the tiny model as embedding and scoring model: the bundled corpus is
 * ingested at startup (text, Markdown, PDF, images, video), questions are answered from reranked passages, ingestion is
 * idempotent and atomic per document, and bad input and database outages get clear answers.
 */
@QuarkusTest
@WithTestResource(DemoTestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RagEndToEndTest {

    private static final String CHUNKS = "rag_test_32";
    private static final String DOCUMENTS = "rag_test_32_documents";
    private static final Path CORPUS = Path.of("corpus");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddingModel embeddingModel;

    @Inject
    ScoringModel scoringModel;

    @Inject
    DataSource dataSource;

    /** The proxy between the application and PostgreSQL; null when the database comes from Dev Services. */
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
    @Order(1)
    void should_ingest_the_bundled_corpus_at_startup() throws IOException {
        List<Map<String, Object>> jobs = DemoApi.jobs().stream().filter(j -> "folder".equals(j.get("origin"))).toList();
        List<String> corpusFiles;
        try (var files = Files.list(CORPUS)) {
            corpusFiles = files.map(p -> p.getFileName().toString()).sorted().toList();
        }

        assertThat(jobs).extracting(j -> (String) j.get("file")).containsExactlyInAnyOrderElementsOf(corpusFiles);
        assertThat(jobs).allSatisfy(j -> assertThat(j.get("status")).as("%s", j).isEqualTo("DONE"));
        assertThat(jobs).extracting(j -> (String) j.get("kind"))
                .containsExactlyInAnyOrder("markdown", "markdown", "text", "pdf", "image", "image", "video");
        for (Map<String, Object> job : jobs) {
            String sha = (String) job.get("sha256");
            long rows = sql.longValue("SELECT count(*) FROM " + CHUNKS + " WHERE metadata->>'document_sha256' = ?", sha);
            assertThat(rows).as("%s", job.get("file")).isPositive().isEqualTo(((Number) job.get("added")).longValue())
                    .isEqualTo(sql.longValue("SELECT chunks FROM " + DOCUMENTS + " WHERE sha256 = ?", sha));
        }
        assertThat(sql.longs("SELECT DISTINCT vector_dims(embedding) FROM " + CHUNKS)).containsExactly(32L);
    }

    @Test
    @Order(2)
    void should_keep_source_page_and_media_of_every_chunk() {
        List<List<String>> pages = sql.rows("SELECT (metadata->>'page'), metadata->>'" + Qwen3VlMetadata.IMAGE
                + "', metadata->>'thumbnail' FROM " + CHUNKS + " WHERE metadata->>'source' = 'ferry-timetable.pdf' "
                + "ORDER BY (metadata->>'chunk')::int");
        assertThat(pages).extracting(r -> r.get(0)).containsExactly("1", "2", "3");
        for (List<String> page : pages) {
            assertThat(Path.of(page.get(1))).isRegularFile();
            assertPng(page.get(2));
        }
        List<List<String>> video = sql.rows("SELECT metadata->>'" + Qwen3VlMetadata.VIDEO + "', metadata->>'thumbnail' "
                + "FROM " + CHUNKS + " WHERE metadata->>'source' = 'skerrow-light.mp4'");
        assertThat(video).hasSize(1);
        assertThat(Path.of(video.get(0).get(0))).isRegularFile();
        assertPng(video.get(0).get(1));
        List<List<String>> images = sql.rows("SELECT metadata->>'" + Qwen3VlMetadata.IMAGE + "', metadata->>'thumbnail' "
                + "FROM " + CHUNKS + " WHERE metadata->>'source' IN ('harbour-map.png', 'kelp-glass-exports.png')");
        assertThat(images).hasSize(2).allSatisfy(r -> {
            assertThat(Path.of(r.get(0))).isRegularFile();
            assertPng(r.get(1));
        });
        List<String> guideChunks = sql.rows("SELECT text FROM " + CHUNKS + " WHERE metadata->>'source' = "
                + "'verrow-island-guide.md'").stream().map(r -> r.get(0)).toList();
        assertThat(guideChunks).hasSizeGreaterThan(1).allSatisfy(text -> assertThat(text).startsWith("#"));
    }

    @Test
    @Order(3)
    void should_answer_from_the_candidates_in_the_order_and_with_the_scores_of_the_scoring_model() throws IOException {
        String question = "When does the first ferry leave Saltmere?";
        int topK = 6;
        int topN = 4;

        JsonPath response = given().contentType(ContentType.JSON)
                .body(Map.of("question", question, "topK", topK, "topN", topN, "generate", false, "hybrid", false))
                .post("/api/ask")
                .then().statusCode(200).extract().jsonPath();

        List<Candidate> candidates = nearestChunks(question, topK);
        List<Double> direct = scoringModel.scoreAll(candidates.stream().map(Candidate::segment).toList(), question)
                .content();
        List<Integer> expected = IntStream.range(0, candidates.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> direct.get(i)).reversed()).limit(topN).toList();
        List<Map<String, Object>> sources = response.getList("sources");
        assertThat(response.getInt("candidates")).isEqualTo(topK);
        assertThat(sources).extracting(s -> s.get("id"))
                .containsExactlyElementsOf(expected.stream().map(i -> candidates.get(i).id()).toList());
        for (int r = 0; r < topN; r++) {
            Map<String, Object> source = sources.get(r);
            int i = expected.get(r);
            assertThat(((Number) source.get("rerankScore")).doubleValue()).isCloseTo(direct.get(i), within(1e-6));
            assertThat(((Number) source.get("retrievalScore")).doubleValue())
                    .isCloseTo(candidates.get(i).relevance(), within(1e-4));
            assertThat(source.get("retrievalRank")).isEqualTo(i + 1);
            assertThat(source.get("text")).isEqualTo(candidates.get(i).segment().text());
        }
        assertThat(response.getString("mode")).isEqualTo("extractive");
        assertThat(response.getString("answer")).contains("turned off", "[1] ", "[" + topN + "] ",
                (String) sources.get(0).get("source"));
        assertThat(response.getMap("timings")).containsKeys("embedMs", "searchMs", "rerankMs", "generateMs");
        assertThat(response.getDouble("timings.rerankMs")).isPositive();
    }

    @Test
    @Order(4)
    void should_add_nothing_when_the_same_files_are_uploaded_again() {
        long rows = sql.longValue("SELECT count(*) FROM " + CHUNKS);
        long documents = sql.longValue("SELECT count(*) FROM " + DOCUMENTS);

        for (String name : List.of("kelp-glass.md", "ferry-timetable.pdf", "harbour-map.png", "skerrow-light.mp4")) {
            JsonPath job = DemoApi.upload(CORPUS.resolve(name));
            JsonPath done = DemoApi.awaitJob(job.getLong("id"), "DONE", "SKIPPED", "FAILED");
            assertThat(done.getString("status")).as(name).isEqualTo("SKIPPED");
            assertThat(done.getString("stage")).as(name).startsWith("already ingested as " + name);
        }

        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS)).isEqualTo(rows);
        assertThat(sql.longValue("SELECT count(*) FROM " + DOCUMENTS)).isEqualTo(documents);
    }

    @Test
    @Order(5)
    void should_store_nothing_of_a_document_whose_batch_fails_half_way_and_ingest_it_cleanly_on_retry()
            throws IOException {
        Path poison = temp.resolve("poison.md");
        Files.writeString(poison, IntStream.range(0, 6)
                .mapToObj(i -> "# Section " + i + "\n\n" + ("Paragraph " + i + " of the poison test. ").repeat(24))
                .collect(Collectors.joining("\n\n")), StandardCharsets.UTF_8);
        long rows = sql.longValue("SELECT count(*) FROM " + CHUNKS);
        sql.execute("CREATE OR REPLACE FUNCTION rag_test_fail_on_chunk() RETURNS trigger LANGUAGE plpgsql AS $$ "
                        + "BEGIN IF NEW.metadata->>'source' = 'poison.md' AND (NEW.metadata->>'chunk')::int = 3 THEN "
                        + "RAISE EXCEPTION 'injected failure at chunk 3 of poison.md'; END IF; RETURN NEW; END $$",
                "CREATE TRIGGER rag_test_fail_on_chunk BEFORE INSERT ON " + CHUNKS
                        + " FOR EACH ROW EXECUTE FUNCTION rag_test_fail_on_chunk()");
        JsonPath failed;
        try {
            long id = DemoApi.upload(poison).getLong("id");
            failed = DemoApi.awaitJob(id, "DONE", "FAILED");
        } finally {
            sql.execute("DROP TRIGGER rag_test_fail_on_chunk ON " + CHUNKS);
        }
        String sha = failed.getString("sha256");

        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("error")).contains("injected failure at chunk 3 of poison.md");
        assertThat(failed.getInt("chunks")).isEqualTo(6);
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS)).isEqualTo(rows);
        assertThat(sql.longValue("SELECT count(*) FROM " + DOCUMENTS + " WHERE sha256 = ?", sha)).isZero();

        given().post("/api/ingestion/" + failed.getLong("id") + "/retry").then().statusCode(200);
        JsonPath retried = DemoApi.awaitJob(failed.getLong("id"), "DONE", "FAILED");

        assertThat(retried.getString("status")).isEqualTo("DONE");
        assertThat(retried.getInt("added")).isEqualTo(6);
        assertThat(sql.longs("SELECT (metadata->>'chunk')::bigint FROM " + CHUNKS
                + " WHERE metadata->>'document_sha256' = ? ORDER BY 1", sha)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS)).isEqualTo(rows + 6);
        assertThat(sql.longValue("SELECT chunks FROM " + DOCUMENTS + " WHERE sha256 = ?", sha)).isEqualTo(6);
    }

    @Test
    @Order(6)
    void should_replace_the_chunks_of_an_ingestion_interrupted_before_its_document_was_recorded() {
        Path file = CORPUS.resolve("lantern-tide-festival.txt");
        String sha = sql.rows("SELECT sha256 FROM " + DOCUMENTS + " WHERE source = 'lantern-tide-festival.txt'")
                .get(0).get(0);
        long chunks = sql.longValue("SELECT count(*) FROM " + CHUNKS + " WHERE metadata->>'document_sha256' = ?", sha);
        long rows = sql.longValue("SELECT count(*) FROM " + CHUNKS);
        // the state a crash between the chunks' commit and the document's record leaves behind
        sql.execute("DELETE FROM " + DOCUMENTS + " WHERE sha256 = '" + sha + "'");

        JsonPath job = DemoApi.awaitJob(DemoApi.upload(file).getLong("id"), "DONE", "SKIPPED", "FAILED");

        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(job.getLong("added")).isEqualTo(chunks);
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS + " WHERE metadata->>'document_sha256' = ?", sha))
                .isEqualTo(chunks);
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS)).isEqualTo(rows);
        assertThat(sql.longValue("SELECT count(*) FROM " + DOCUMENTS + " WHERE sha256 = ?", sha)).isEqualTo(1);
    }

    @Test
    @Order(7)
    void should_reject_bad_input_with_clear_json_errors() throws IOException {
        Path exe = Files.write(temp.resolve("tool.exe"), new byte[] {0x4d, 0x5a, 0, 0});
        given().multiPart("file", exe.toFile()).post("/api/documents")
                .then().statusCode(415).contentType(ContentType.JSON)
                .body("error", equalTo("unsupported_media_type"))
                .body("message", containsString("Unsupported file type '.exe' of 'tool.exe'"))
                .body("message", containsString(".pdf"));
        Path fakePng = Files.writeString(temp.resolve("fake.png"), "this is text, not a picture");
        given().multiPart("file", fakePng.toFile()).post("/api/documents")
                .then().statusCode(415)
                .body("message", equalTo("The content of 'fake.png' is not a PNG, JPEG, GIF, BMP or WebP image "
                        + "(unknown signature)"));
        Path large = Files.write(temp.resolve("large.txt"), "a".repeat(3 * 1024 * 1024).getBytes(StandardCharsets.UTF_8));
        given().multiPart("file", large.toFile()).post("/api/documents")
                .then().statusCode(413)
                .body("error", equalTo("payload_too_large"))
                .body("message", equalTo("'large.txt' has 3145728 bytes; the limit is 2097152 bytes "
                        + "(demo.upload.max-file-size)"));
        given().multiPart("other", "x").post("/api/documents")
                .then().statusCode(400).body("message", containsString("field 'file'"));

        given().contentType(ContentType.JSON).body("{\"question\": ").post("/api/ask")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("question", "   ")).post("/api/ask")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("bad_request"))
                .body("message", equalTo("'question' must not be empty"));
        given().contentType(ContentType.JSON).body(Map.of("question", "ferry", "topK", 3, "topN", 4)).post("/api/ask")
                .then().statusCode(400).body("message", equalTo("'topN' must be between 1 and topK (3), got 4"));
        given().contentType(ContentType.JSON).body(Map.of("question", "ferry", "topK", 101)).post("/api/ask")
                .then().statusCode(400).body("message", equalTo("'topK' must be between 1 and 100, got 101"));
        given().contentType(ContentType.JSON).body(Map.of("conversationId", "no spaces!", "message", "hi"))
                .post("/api/chat")
                .then().statusCode(400).body("message", containsString("'conversationId' must be 1 to 100 letters"));
        given().contentType(ContentType.JSON).body(Map.of("message", "")).post("/api/chat")
                .then().statusCode(400).body("message", equalTo("'message' must not be empty"));

        given().get("/api/media/" + "0".repeat(64) + ".png").then().statusCode(404).contentType(ContentType.JSON);
        given().get("/api/media/..%2F..%2Fapplication.properties").then().statusCode(404);
        long doneJob = ((Number) DemoApi.jobs().stream().filter(j -> "DONE".equals(j.get("status"))).findFirst()
                .orElseThrow().get("id")).longValue();
        given().post("/api/ingestion/" + doneJob + "/retry").then().statusCode(409)
                .body("message", containsString("only FAILED jobs can be retried"));
    }

    @Test
    @Order(8)
    void should_be_unready_while_the_database_is_down_and_finish_the_ingestion_when_it_is_back() throws IOException {
        Assumptions.assumeTrue(database != null, "needs QWEN3VL_TEST_JDBC_URL: the database is reached through a proxy");
        Path file = Files.writeString(temp.resolve("outage-notes.txt"),
                "Notes written while the database was down, at " + System.nanoTime() + ".\n");
        long rows = sql.longValue("SELECT count(*) FROM " + CHUNKS);
        given().get("/q/health/ready").then().statusCode(200);

        database.cut();
        JsonPath waiting;
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("DOWN")));
            long id = DemoApi.upload(file).getLong("id");
            waiting = DemoApi.awaitJob(id, "WAITING_FOR_DATABASE", "DONE", "FAILED");
            given().contentType(ContentType.JSON).body(Map.of("question", "ferry")).post("/api/ask")
                    .then().statusCode(503).body("error", equalTo("database_unavailable"));
        } finally {
            database.restore();
        }

        assertThat(waiting.getString("status")).isEqualTo("WAITING_FOR_DATABASE");
        JsonPath done = DemoApi.awaitJob(waiting.getLong("id"), "DONE", "FAILED");
        assertThat(done.getString("status")).isEqualTo("DONE");
        assertThat(done.getInt("retries")).isPositive();
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS + " WHERE metadata->>'document_sha256' = ?",
                done.getString("sha256"))).isEqualTo(done.getInt("added")).isEqualTo(1);
        assertThat(sql.longValue("SELECT count(*) FROM " + CHUNKS)).isEqualTo(rows + 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private void assertPng(String thumbnailId) {
        byte[] png = given().get("/api/media/" + thumbnailId)
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    /** A chunk as stored, with its exact relevance to a query embedding. */
    private record Candidate(String id, TextSegment segment, double relevance) {
    }

    /** The exact nearest chunks by cosine distance, computed by PostgreSQL without the index. */
    private List<Candidate> nearestChunks(String question, int k) throws IOException {
        float[] q = embeddingModel.embed(EmbeddingRequest.builder().input(question)
                .inputType(EmbeddingInputType.QUERY).build()).embeddings().get(0).vector();
        StringBuilder vector = new StringBuilder("[");
        for (int i = 0; i < q.length; i++) {
            vector.append(i == 0 ? "" : ",").append(q[i]);
        }
        String v = vector.append(']').toString();
        List<Candidate> out = new ArrayList<>();
        for (List<String> row : sql.rows("SELECT id, text, metadata::text, 1 - (embedding <=> ?::halfvec) FROM "
                + "(SELECT * FROM " + CHUNKS + " ORDER BY embedding <=> ?::halfvec, id LIMIT " + k + ") nearest "
                + "ORDER BY embedding <=> ?::halfvec, id", v, v, v)) {
            Map<String, Object> metadata = JSON.readValue(row.get(2), new TypeReference<>() {
            });
            out.add(new Candidate(row.get(0), TextSegment.from(row.get(1), Metadata.from(metadata)),
                    (1 + Double.parseDouble(row.get(3))) / 2));
        }
        return out;
    }
}
