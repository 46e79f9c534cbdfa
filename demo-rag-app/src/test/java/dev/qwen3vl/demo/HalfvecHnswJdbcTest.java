package dev.qwen3vl.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import dev.qwen3vl.testing.TestDatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The foundation of the demo's store, in plain JDBC on the test database: 2048-dimensional vectors (Qwen3-VL-Embedding-
 * 2B) in a {@code vector(2048)} column, which pgvector cannot index directly (HNSW takes at most 2000 dimensions on
 * {@code vector}), searched through an HNSW expression index on their {@code halfvec(2048)} cast.
 */
class HalfvecHnswJdbcTest {

    private static final int DIMENSION = 2048;
    private static final int ROWS = 300;
    private static final String ORDER = "(embedding::halfvec(2048)) <=> ?::halfvec(2048)";

    @Test
    void should_find_the_nearest_2048_dimensional_vector_through_the_halfvec_hnsw_index() throws SQLException {
        Optional<String> url = TestDatabaseUrl.configured();
        Assumptions.assumeTrue(url.isPresent(), "needs QWEN3VL_TEST_JDBC_URL (scripts/postgres.sh start prints it)");
        Random random = new Random(20250101);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            vectors.add(randomUnitVector(random));
        }
        float[] query = vectors.get(137).clone();
        for (int d = 0; d < DIMENSION; d++) {
            query[d] += (float) (random.nextGaussian() * 0.01);
        }

        try (Connection c = DriverManager.getConnection(url.get()); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE hnsw_items (id integer PRIMARY KEY, embedding vector(2048) NOT NULL)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO hnsw_items VALUES (?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    insert.setInt(1, i);
                    insert.setObject(2, new PGvector(vectors.get(i)));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            s.execute("CREATE INDEX hnsw_items_embedding ON hnsw_items "
                    + "USING hnsw ((embedding::halfvec(2048)) halfvec_cosine_ops)");
            s.execute("ANALYZE hnsw_items");
            s.execute("SET enable_seqscan = off");

            List<Integer> nearest = new ArrayList<>();
            try (PreparedStatement search = c.prepareStatement(
                    "SELECT id FROM hnsw_items ORDER BY " + ORDER + " LIMIT 5")) {
                search.setObject(1, new PGvector(query));
                try (ResultSet rs = search.executeQuery()) {
                    while (rs.next()) {
                        nearest.add(rs.getInt(1));
                    }
                }
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement explain = c.prepareStatement(
                    "EXPLAIN SELECT id FROM hnsw_items ORDER BY " + ORDER + " LIMIT 5")) {
                explain.setObject(1, new PGvector(query));
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }

            assertThat(nearest).hasSize(5);
            assertThat(nearest.get(0)).isEqualTo(137).isEqualTo(exactNearest(vectors, query));
            assertThat(plan.toString()).contains("Index Scan using hnsw_items_embedding on hnsw_items")
                    .doesNotContain("Seq Scan");
        }
    }

    private static float[] randomUnitVector(Random random) {
        float[] v = new float[DIMENSION];
        double norm = 0;
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) random.nextGaussian();
            norm += v[d] * v[d];
        }
        for (int d = 0; d < DIMENSION; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** The row with the largest cosine similarity to the query, by brute force in Java. */
    private static int exactNearest(List<float[]> vectors, float[] query) {
        int best = -1;
        double bestCosine = -2;
        for (int i = 0; i < vectors.size(); i++) {
            double dot = 0;
            double nv = 0;
            double nq = 0;
            for (int d = 0; d < DIMENSION; d++) {
                dot += vectors.get(i)[d] * query[d];
                nv += vectors.get(i)[d] * vectors.get(i)[d];
                nq += query[d] * query[d];
            }
            double cosine = dot / Math.sqrt(nv * nq);
            if (cosine > bestCosine) {
                bestCosine = cosine;
                best = i;
            }
        }
        return best;
    }
}
