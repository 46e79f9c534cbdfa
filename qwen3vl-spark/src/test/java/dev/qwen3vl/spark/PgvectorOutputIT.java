package dev.qwen3vl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pgvector.PGhalfvec;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import dev.qwen3vl.pgvector.PgHalfvecEmbeddingStore;
import dev.qwen3vl.testing.Fixtures;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.Success$;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The job in Spark local mode on the tiny model, writing into the real PostgreSQL + pgvector of the tests.
 */
class PgvectorOutputIT {

    private static final String TABLE = "spark_mixed";

    @TempDir
    static Path folder;

    private static SparkSession spark;
    private static Qwen3VlEmbedder direct;
    private static Corpus corpus;
    private static JobSummary first;

    @BeforeAll
    static void embedTheMixedCorpus() {
        SparkTests.execute("DROP TABLE IF EXISTS " + TABLE, "DROP TABLE IF EXISTS " + TABLE + "_errors");
        spark = SparkTests.session();
        direct = Qwen3VlEmbedder.load(Fixtures.model(), EngineSettings.defaults());
        corpus = Corpus.mixed(folder.resolve("mixed"));
        first = EmbedJob.run(spark, mixed());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (direct != null) {
            direct.close();
        }
    }

    private static JobOptions mixed() {
        return SparkTests.options(corpus.uri()).pgvector(SparkTests.jdbcUrl(), TABLE).build();
    }

    @Test
    void rows_hold_the_vectors_of_the_embedder_called_directly() {
        Map<String, StoredRow> stored = rows(TABLE);

        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(corpus.rows().keySet());
        for (Map.Entry<String, StoredRow> row : stored.entrySet()) {
            float[] expected = corpus.expectedVector(direct, row.getKey());
            float[] actual = row.getValue().vector();
            assertThat(actual).as(row.getKey()).hasSize(Corpus.DIMENSION);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as(row.getKey() + "[" + i + "]").isCloseTo(expected[i], within(2e-3f));
            }
            assertThat(row.getValue().text()).as(row.getKey()).isEqualTo(corpus.rows().get(row.getKey()).text());
        }
        assertThat(first.succeeded()).isTrue();
        assertThat(first.listed()).isEqualTo(9);
        assertThat(first.files()).isEqualTo(9);
        assertThat(first.filesFailed()).isEqualTo(2);
        assertThat(first.rowsEmbedded()).isEqualTo(corpus.rows().size());
        assertThat(first.rowsSkipped()).isZero();
        assertThat(first.tokens()).isPositive();
        assertThat(first.bytes()).isPositive();
        assertThat(first.modelLoads()).isLessThanOrEqualTo(1);
        assertThat(ExecutorModels.loadCount()).isEqualTo(1);
    }

    @Test
    void the_store_searches_the_rows_of_the_job() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(SparkTests.jdbcUrl());
        PgHalfvecEmbeddingStore store = PgHalfvecEmbeddingStore.builder().dataSource(dataSource).table(TABLE)
                .dimension(Corpus.DIMENSION).createTable(false).build();
        float[] query = corpus.expectedVector(direct, "doc.pdf#page=1");

        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(query)).maxResults(3).build()).matches();

        assertThat(matches).isNotEmpty();
        EmbeddingMatch<TextSegment> best = matches.get(0);
        assertThat(best.score()).isGreaterThan(0.999);
        assertThat(best.embedded().text()).isEqualTo("Invoice total 42 EUR");
        assertThat(best.embedded().metadata().getString("source")).endsWith("/doc.pdf");
        assertThat(best.embedded().metadata().getString("kind")).isEqualTo("pdf");
        assertThat(best.embedded().metadata().getInteger("page")).isEqualTo(1);
        assertThat(best.embedded().metadata().getString("document_sha256")).hasSize(64);
    }

    @Test
    void a_rerun_embeds_nothing() {
        long before = SparkTests.count("SELECT count(*) FROM " + TABLE);

        JobSummary rerun = EmbedJob.run(spark, mixed());

        assertThat(rerun.rowsEmbedded()).isZero();
        assertThat(rerun.rowsSkipped()).isEqualTo(corpus.rows().size());
        assertThat(rerun.filesSkipped()).isEqualTo(7);
        assertThat(rerun.filesFailed()).isEqualTo(2);
        assertThat(rerun.modelLoads()).isZero();
        assertThat(SparkTests.count("SELECT count(*) FROM " + TABLE)).isEqualTo(before);
    }

    @Test
    void failed_sources_are_recorded_with_their_reason() {
        Map<String, String> errors = new TreeMap<>();
        query("SELECT source, reason FROM " + TABLE + "_errors", rs -> errors.put(
                rs.getString(1).substring(rs.getString(1).lastIndexOf('/') + 1), rs.getString(2)));

        assertThat(errors).containsOnlyKeys("broken.png", "data.xyz");
        assertThat(errors.get("broken.png")).containsIgnoringCase("png");
        assertThat(errors.get("data.xyz")).contains("Unsupported file type '.xyz'");
    }

    @Test
    void a_task_that_fails_on_its_first_attempt_is_retried_without_duplicates() {
        String table = "spark_retry";
        SparkTests.execute("DROP TABLE IF EXISTS " + table, "DROP SEQUENCE IF EXISTS spark_retry_attempts");
        try (PgHalfvecWriter writer = PgHalfvecWriter.open(SparkTests.jdbcUrl(), table)) {
            writer.prepare(Corpus.DIMENSION);
        }
        SparkTests.execute("CREATE SEQUENCE spark_retry_attempts",
                "CREATE OR REPLACE FUNCTION spark_retry_fail_once() RETURNS trigger AS $$ BEGIN "
                        + "IF NEW.metadata->>'source' LIKE '%/text-007.txt' AND nextval('spark_retry_attempts') = 1 "
                        + "THEN RAISE EXCEPTION 'injected failure of the first attempt'; END IF; RETURN NEW; END $$ "
                        + "LANGUAGE plpgsql",
                "CREATE TRIGGER spark_retry_fail_once BEFORE INSERT ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION spark_retry_fail_once()");
        Corpus texts = Corpus.texts(folder.resolve("retry"), 12);
        AtomicInteger failedAttempts = new AtomicInteger();
        SparkListener failures = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                if (taskEnd.reason() != Success$.MODULE$) {
                    failedAttempts.incrementAndGet();
                }
            }
        };
        spark.sparkContext().addSparkListener(failures);
        JobSummary summary;
        try {
            summary = EmbedJob.run(spark, SparkTests.options(texts.uri()).batchSize(2).partitions(2)
                    .pgvector(SparkTests.jdbcUrl(), table).build());
        } finally {
            spark.sparkContext().removeSparkListener(failures);
        }

        assertThat(failedAttempts.get()).isEqualTo(1);
        assertThat(SparkTests.count("SELECT count(*) FROM " + table)).isEqualTo(12);
        assertThat(SparkTests.count("SELECT count(DISTINCT metadata->>'source') FROM " + table)).isEqualTo(12);
        assertThat(summary.files()).isEqualTo(12);
        assertThat(summary.filesFailed()).isZero();
        assertThat(summary.rowsEmbedded() + summary.rowsSkipped()).isEqualTo(12);
    }

    @Test
    void a_killed_job_rerun_ends_with_the_table_of_an_uninterrupted_run() throws Exception {
        Corpus texts = Corpus.texts(folder.resolve("killed"), 240);
        String killed = "spark_killed";
        String reference = "spark_reference";
        SparkTests.execute("DROP TABLE IF EXISTS " + killed, "DROP TABLE IF EXISTS " + reference);
        Process child = childJob(texts, killed, folder.resolve("child.log").toFile());
        long seen;
        try {
            seen = pollUntilRows(killed, child, Duration.ofMinutes(4));
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        long afterKill = SparkTests.count("SELECT count(*) FROM " + killed);
        assertThat(seen).isPositive();
        assertThat(afterKill).as("the child was killed mid-job").isLessThan(240);

        JobSummary rerun = EmbedJob.run(spark, SparkTests.options(texts.uri()).batchSize(1).partitions(4)
                .pgvector(SparkTests.jdbcUrl(), killed).build());
        EmbedJob.run(spark, SparkTests.options(texts.uri()).batchSize(1).partitions(4)
                .pgvector(SparkTests.jdbcUrl(), reference).build());

        assertThat(rerun.rowsSkipped()).isGreaterThanOrEqualTo(afterKill);
        assertThat(rerun.rowsEmbedded() + rerun.rowsSkipped()).isEqualTo(240);
        assertThat(rerun.files()).isEqualTo(240);
        Map<String, StoredRow> after = byId(killed);
        Map<String, StoredRow> expected = byId(reference);
        assertThat(after.keySet()).hasSize(240).isEqualTo(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(after.get(id).text()).isEqualTo(expected.get(id).text());
            assertThat(after.get(id).vector()).as(id).containsExactly(expected.get(id).vector(), within(1e-3f));
        }
    }

    private static Process childJob(Corpus texts, String table, File log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-Xmx768m", "-Dai.djl.offline=true", "-Dspark.master=local[1]", "-Dspark.ui.enabled=false",
                "-Dspark.driver.host=127.0.0.1", "-cp", System.getProperty("java.class.path"),
                EmbedJob.class.getName(), "--input", texts.uri(), "--model", Fixtures.model().toString(),
                "--dimension", String.valueOf(Corpus.DIMENSION), "--instruction", Corpus.INSTRUCTION,
                "--chunk-chars", String.valueOf(Corpus.CHUNK_CHARS), "--batch-size", "1", "--partitions", "4",
                "--jdbc-url", SparkTests.jdbcUrl(), "--table", table));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log));
        builder.environment().put("DJL_OFFLINE", "true");
        return builder.start();
    }

    /** Polls the table until it has rows; fails if the child ends first or the deadline passes. */
    private static long pollUntilRows(String table, Process child, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (SparkTests.count("SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'") > 0) {
                long rows = SparkTests.count("SELECT count(*) FROM " + table);
                if (rows > 0) {
                    return rows;
                }
            }
            assertThat(child.isAlive()).as("the child job is running").isTrue();
            child.waitFor(20, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("No rows in " + table + " after " + deadline);
    }

    private record StoredRow(float[] vector, String text) {
    }

    private static Map<String, StoredRow> rows(String table) {
        Map<String, StoredRow> rows = new TreeMap<>();
        query("SELECT embedding::text, text, metadata::text FROM " + table, rs -> rows.put(
                SparkTests.rowName(rs.getString(3)), new StoredRow(new PGhalfvec(rs.getString(1)).toArray(),
                        rs.getString(2))));
        return rows;
    }

    private static Map<String, StoredRow> byId(String table) {
        Map<String, StoredRow> rows = new TreeMap<>();
        query("SELECT id, embedding::text, text FROM " + table, rs -> rows.put(rs.getString(1),
                new StoredRow(new PGhalfvec(rs.getString(2)).toArray(), rs.getString(3))));
        return rows;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, RowReader reader) {
        try (Connection connection = DriverManager.getConnection(SparkTests.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
