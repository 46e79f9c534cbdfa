package dev.qwen3vl.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.TestDatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.spark.sql.SparkSession;

/** What the Spark tests share: a local session, the job's options on the tiny model, the database. */
final class SparkTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkTests() {
    }

    /**
     * @return a local session with two task threads and three attempts per task (so that a failed task is retried),
     *         on loopback, without UI
     */
    static SparkSession session() {
        return SparkSession.builder().master("local[2,3]").appName("qwen3vl-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    /**
     * @param input the folder to embed, or {@code null} for none (a table input)
     * @return options for the tiny model with the settings {@link Corpus} assumes
     */
    static JobOptions.Builder options(String input) {
        JobOptions.Builder options = JobOptions.builder();
        if (input != null) {
            options.input(input);
        }
        return options.model(Fixtures.model().toString()).dimension(Corpus.DIMENSION)
                .instruction(Corpus.INSTRUCTION).chunkChars(Corpus.CHUNK_CHARS).pdfDpi(Corpus.PDF_DPI).batchSize(3)
                .partitions(3).maxFailureRatio(0.5);
    }

    /** @return the test database's JDBC URL */
    static String jdbcUrl() {
        return TestDatabaseUrl.configured().orElseThrow(() -> new IllegalStateException("No test database: set env "
                + TestDatabaseUrl.ENV + " or -D" + TestDatabaseUrl.PROPERTY + " to a PostgreSQL with pgvector 0.8 "
                + "(scripts/postgres.sh start prints one)"));
    }

    /**
     * Runs statements on the test database.
     *
     * @param sql the statements
     */
    static void execute(String... sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param sql a query returning one number
     * @return the number
     */
    static long count(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param metadata a row's metadata JSON
     * @return the row's name in {@link Corpus#rows()}: file name and locator
     */
    static String rowName(String metadata) {
        try {
            JsonNode m = JSON.readTree(metadata);
            String source = m.get("source").asText();
            String file = source.substring(source.lastIndexOf('/') + 1);
            String locator = switch (m.get("kind").asText()) {
                case "pdf" -> "page=" + m.get("page").asInt();
                case "image", "video" -> "whole";
                default -> "chunk=" + m.get("chunk").asInt();
            };
            return file + "#" + locator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
