package dev.qwen3vl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import dev.qwen3vl.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job in Spark local mode on the tiny model, writing Parquet. */
class ParquetOutputIT {

    @TempDir
    static Path folder;

    private static SparkSession spark;
    private static Qwen3VlEmbedder direct;
    private static Corpus corpus;
    private static String output;
    private static JobSummary first;

    @BeforeAll
    static void embedTheMixedCorpus() {
        spark = SparkTests.session();
        direct = Qwen3VlEmbedder.load(Fixtures.model(), EngineSettings.defaults());
        corpus = Corpus.mixed(folder.resolve("mixed"));
        output = folder.resolve("out").toUri().toString();
        first = EmbedJob.run(spark, SparkTests.options(corpus.uri()).parquet(output).build());
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

    @Test
    void rows_round_trip_through_parquet() {
        List<Row> rows = spark.read().parquet(output).collectAsList();

        assertThat(first.succeeded()).isTrue();
        assertThat(first.rowsEmbedded()).isEqualTo(corpus.rows().size());
        assertThat(rows).hasSize(corpus.rows().size());
        Map<String, Row> byName = new HashMap<>();
        rows.forEach(r -> byName.put(SparkTests.rowName(r.getAs("metadata")), r));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(corpus.rows().keySet());
        assertThat(rows.stream().map(r -> (String) r.getAs("id")).distinct()).hasSize(rows.size());
        for (Map.Entry<String, Row> row : byName.entrySet()) {
            List<Float> stored = row.getValue().getList(row.getValue().fieldIndex("embedding"));
            float[] expected = corpus.expectedVector(direct, row.getKey());
            assertThat(stored).as(row.getKey()).hasSize(Corpus.DIMENSION);
            for (int i = 0; i < expected.length; i++) {
                assertThat(stored.get(i)).as(row.getKey() + "[" + i + "]").isCloseTo(expected[i], within(1e-4f));
            }
            assertThat((String) row.getValue().getAs("text")).isEqualTo(corpus.rows().get(row.getKey()).text());
            assertThat((String) row.getValue().getAs("model")).isEqualTo("tiny-model");
            assertThat((int) row.getValue().getAs("dimension")).isEqualTo(Corpus.DIMENSION);
            assertThat((int) row.getValue().getAs("tokens")).isPositive();
        }
    }

    @Test
    void a_rerun_leaves_out_the_sources_already_written() {
        JobSummary rerun = EmbedJob.run(spark, SparkTests.options(corpus.uri()).parquet(output).build());

        assertThat(rerun.alreadyDone()).isEqualTo(7);
        assertThat(rerun.files()).isEqualTo(2);
        assertThat(rerun.filesFailed()).isEqualTo(2);
        assertThat(rerun.rowsEmbedded()).isZero();
        assertThat(spark.read().parquet(output).count()).isEqualTo(corpus.rows().size());
    }

    @Test
    void corrupt_and_unsupported_files_land_in_the_errors_output() {
        Map<String, String> errors = new HashMap<>();
        spark.read().parquet(output + "/_errors").collectAsList().forEach(r -> errors.put(
                ((String) r.getAs("source")).replaceAll(".*/", ""), r.getAs("reason")));

        assertThat(errors).containsOnlyKeys("broken.png", "data.xyz");
        assertThat(errors.get("broken.png")).containsIgnoringCase("png");
        assertThat(errors.get("data.xyz")).contains("Unsupported file type '.xyz'");
    }

    @Test
    void a_table_of_texts_and_uris_is_embedded() throws Exception {
        Path csv = folder.resolve("table.csv");
        Path image = corpus.folder().resolve("red.png");
        Files.writeString(csv, "text,uri\n"
                + "\"Quarterly report: revenue grew by ten percent.\",\n"
                + "a red circle," + image.toUri() + "\n", StandardCharsets.UTF_8);
        String out = folder.resolve("table-out").toUri().toString();

        JobSummary summary = EmbedJob.run(spark, SparkTests.options(null).tableInput(csv.toString()).parquet(out)
                .build());

        assertThat(summary.files()).isEqualTo(2);
        assertThat(summary.rowsEmbedded()).isEqualTo(2);
        Map<String, Row> bySource = new HashMap<>();
        spark.read().parquet(out).collectAsList().forEach(r -> bySource.put(r.getAs("source"), r));
        Row text = bySource.entrySet().stream().filter(e -> e.getKey().startsWith("text:")).findFirst().orElseThrow()
                .getValue();
        assertThat(text.getList(text.fieldIndex("embedding"))).hasSize(Corpus.DIMENSION);
        float[] expected = corpus.expectedVector(direct, "notes.txt#chunk=0");
        List<Float> stored = text.getList(text.fieldIndex("embedding"));
        for (int i = 0; i < expected.length; i++) {
            assertThat(stored.get(i)).isCloseTo(expected[i], within(1e-4f));
        }
        assertThat((String) bySource.get(image.toUri().toString()).getAs("text")).isEqualTo("a red circle");
    }

    @Test
    void more_failures_than_allowed_fail_the_run() {
        String out = folder.resolve("strict-out").toUri().toString();

        JobSummary summary = EmbedJob.run(spark, SparkTests.options(corpus.uri()).maxFailureRatio(0.1).parquet(out)
                .build());

        assertThat(summary.succeeded()).isFalse();
        assertThat(summary.failureRatio()).isCloseTo(2.0 / 9, within(1e-9));
    }

    @Test
    void an_unusable_model_fails_the_job_with_its_reason() {
        String out = folder.resolve("no-model-out").toUri().toString();

        assertThatThrownBy(() -> EmbedJob.run(spark, SparkTests.options(corpus.uri())
                .model(folder.resolve("missing-model").toString()).parquet(out).build()))
                .hasStackTraceContaining("missing-model");
    }
}
