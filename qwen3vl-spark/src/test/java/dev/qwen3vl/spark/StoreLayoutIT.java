package dev.qwen3vl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.qwen3vl.pgvector.PgHalfvecEmbeddingStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link PgHalfvecWriter} against the store it writes for: the same columns and indexes, and each accepts the other's
 * table. Fails when the store's layout changes and the writer does not follow.
 */
class StoreLayoutIT {

    private static PgHalfvecEmbeddingStore store(String table, int dimension, boolean createTable) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(SparkTests.jdbcUrl());
        return PgHalfvecEmbeddingStore.builder().dataSource(dataSource).table(table).dimension(dimension)
                .createTable(createTable).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 4001})
    void the_writer_creates_the_table_the_store_creates(int dimension) {
        SparkTests.execute("DROP TABLE IF EXISTS layout_store", "DROP TABLE IF EXISTS layout_job");
        store("layout_store", dimension, true);
        try (PgHalfvecWriter writer = PgHalfvecWriter.open(SparkTests.jdbcUrl(), "layout_job")) {
            writer.prepare(dimension);
        }

        assertThat(layout("layout_job")).isEqualTo(layout("layout_store"));
        store("layout_job", dimension, false);
    }

    @Test
    void the_writer_fills_a_table_of_the_store_and_the_store_reads_the_rows() {
        SparkTests.execute("DROP TABLE IF EXISTS layout_shared");
        PgHalfvecEmbeddingStore store = store("layout_shared", 3, true);
        SourceRef ref = new SourceRef("file:/d/a.txt", "file:/d/a.txt", "file:/d/a.txt", null, 5L, null);
        EmbeddedRow row = new EmbeddedRow("key-1", new float[] {0.6f, 0.8f, 0}, "hello",
                "{\"source\":\"file:/d/a.txt\",\"chunk\":0}", 3, ref);
        try (PgHalfvecWriter writer = PgHalfvecWriter.open(SparkTests.jdbcUrl(), "layout_shared")) {
            writer.prepare(3);
            assertThat(writer.write(List.of(row))).isEqualTo(1);
            assertThat(writer.write(List.of(row))).as("a key already stored is left alone").isZero();
            assertThat(writer.present(List.of("key-1", "key-2"))).isEqualTo(Set.of("key-1"));
        }

        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(new float[] {0.6f, 0.8f, 0})).maxResults(1).build()).matches();

        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.embeddingId()).isEqualTo("key-1");
            assertThat(m.embedded().text()).isEqualTo("hello");
            assertThat(m.embedded().metadata().getString("source")).isEqualTo("file:/d/a.txt");
        });
    }

    @Test
    void a_table_of_another_dimension_is_refused() {
        SparkTests.execute("DROP TABLE IF EXISTS layout_other");
        store("layout_other", 16, true);

        try (PgHalfvecWriter writer = PgHalfvecWriter.open(SparkTests.jdbcUrl(), "layout_other")) {
            assertThatThrownBy(() -> writer.prepare(8)).hasMessage("Table \"layout_other\" has embedding halfvec(16), "
                    + "but the job writes halfvec(8): use another --table or the table's dimension");
        }
    }

    /** Columns with their types and defaults, then index definitions, with the table's name taken out. */
    private static List<String> layout(String table) {
        List<String> layout = new ArrayList<>();
        query("SELECT attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull || ' ' "
                + "|| coalesce(pg_get_expr(adbin, adrelid), '') FROM pg_attribute LEFT JOIN pg_attrdef "
                + "ON adrelid = attrelid AND adnum = attnum WHERE attrelid = to_regclass(?) AND attnum > 0 "
                + "AND NOT attisdropped ORDER BY attnum", table, layout);
        query("SELECT indexdef FROM pg_indexes WHERE tablename = ? ORDER BY indexname", table, layout);
        layout.replaceAll(line -> line.replace(table, "TABLE"));
        return layout;
    }

    private static void query(String sql, String table, List<String> into) {
        try (Connection connection = DriverManager.getConnection(SparkTests.jdbcUrl());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    into.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
