package dev.qwen3vl.pgvector;

import com.pgvector.PGbit;
import com.pgvector.PGhalfvec;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.RelevanceScore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs one nearest-neighbour query on a connection inside a transaction: sets the HNSW parameters for this
 * transaction only ({@code set_config(..., true)}, i.e. {@code SET LOCAL}), executes the layout's search SQL and turns
 * the rows into matches ordered by decreasing relevance.
 */
final class Searcher {

    /** pgvector's upper bound for {@code hnsw.ef_search}. */
    static final int MAX_EF_SEARCH = 1000;

    private final TableLayout layout;
    private final float[] query;
    private final SqlClause where;
    private final int maxResults;
    private final int candidates;
    private final int efSearch;

    /**
     * @param layout        the table
     * @param query         the checked query vector
     * @param where         the filter condition, or {@code null}
     * @param maxResults    how many matches to return at most
     * @param rescoreFactor candidates per result taken from the binary index before re-scoring
     * @param efSearch      the configured HNSW candidate list size
     */
    Searcher(TableLayout layout, float[] query, SqlClause where, int maxResults, int rescoreFactor, int efSearch) {
        this.layout = layout;
        this.query = query;
        this.where = where;
        this.maxResults = maxResults;
        this.candidates = layout.binaryPrefilter() ? (int) Math.min(Integer.MAX_VALUE, (long) maxResults * rescoreFactor)
                : maxResults;
        this.efSearch = efSearch;
    }

    /**
     * Runs the search.
     *
     * @param connection a connection with auto-commit off
     * @return the matches, best first, at most {@code maxResults}
     * @throws SQLException if the query fails
     */
    List<EmbeddingMatch<TextSegment>> search(Connection connection) throws SQLException {
        applySettings(connection);
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, "")) {
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    matches.add(layout.storage() == VectorStorage.INT8 ? int8Match(rs) : halfvecMatch(rs));
                }
            }
        }
        if (layout.storage() == VectorStorage.INT8) {
            matches.sort(Comparator.comparing(EmbeddingMatch<TextSegment>::score).reversed());
            return new ArrayList<>(matches.subList(0, Math.min(maxResults, matches.size())));
        }
        return matches;
    }

    /**
     * Runs {@code EXPLAIN} on the search query with the same settings and parameters.
     *
     * @param connection a connection with auto-commit off
     * @return the plan, one line per plan row
     * @throws SQLException if the query fails
     */
    String explain(Connection connection) throws SQLException {
        applySettings(connection);
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement statement = prepare(connection, "EXPLAIN ");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /**
     * HNSW returns at most {@code ef_search} rows per scan, so the list is made at least as long as the rows asked
     * from the index (up to pgvector's maximum). With a filter, or when more rows are needed than that, iterative
     * index scans (pgvector 0.8) keep scanning until enough rows pass: in strict order when the index order is the
     * final order, in relaxed order when the candidates are re-scored anyway.
     */
    private void applySettings(Connection connection) throws SQLException {
        int ef = Math.max(efSearch, Math.min(candidates, MAX_EF_SEARCH));
        String iterative = where == null && candidates <= ef ? "off"
                : layout.binaryPrefilter() ? "relaxed_order" : "strict_order";
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT set_config('hnsw.ef_search', ?, true), set_config('hnsw.iterative_scan', ?, true)")) {
            statement.setString(1, Integer.toString(ef));
            statement.setString(2, iterative);
            statement.execute();
        }
    }

    private PreparedStatement prepare(Connection connection, String prefix) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(prefix + layout.searchSql(where));
        try {
            int i = 1;
            if (layout.storage() == VectorStorage.INT8) {
                i = bindWhere(statement, i);
                statement.setObject(i++, new PGbit(Int8Vector.signBits(query)));
                statement.setInt(i, candidates);
            } else if (layout.binaryPrefilter()) {
                statement.setObject(i++, new PGhalfvec(query));
                i = bindWhere(statement, i);
                statement.setObject(i++, new PGhalfvec(query));
                statement.setInt(i++, candidates);
                statement.setInt(i, maxResults);
            } else {
                statement.setObject(i++, new PGhalfvec(query));
                i = bindWhere(statement, i);
                statement.setInt(i, maxResults);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private int bindWhere(PreparedStatement statement, int index) throws SQLException {
        return where == null ? index : where.bind(statement, index);
    }

    private EmbeddingMatch<TextSegment> halfvecMatch(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        double cosine = 1.0 - rs.getDouble(2);
        float[] vector = new PGhalfvec(rs.getString(3)).toArray();
        return match(id, cosine, vector, rs.getString(4), rs.getString(5));
    }

    private EmbeddingMatch<TextSegment> int8Match(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        Int8Vector stored = new Int8Vector(rs.getBytes(2), rs.getFloat(3));
        return match(id, stored.cosineSimilarity(query), stored.dequantize(), rs.getString(4), rs.getString(5));
    }

    private static EmbeddingMatch<TextSegment> match(String id, double cosine, float[] vector, String text,
                                                     String metadataJson) {
        TextSegment segment = text == null ? null : TextSegment.from(text, MetadataJson.fromJson(metadataJson, id));
        return new EmbeddingMatch<>(RelevanceScore.fromCosineSimilarity(cosine), id, Embedding.from(vector), segment);
    }
}
