package dev.qwen3vl.pgvector;

import com.pgvector.PGhalfvec;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The full-text half of a hybrid search: ranks the rows by {@code ts_rank} of the generated {@code text_search}
 * column against the query text ({@link TableLayout#textSearchSql}). The matches' scores are the {@code ts_rank}
 * values.
 */
final class TextRanking {

    private TextRanking() {
    }

    /**
     * @param connection a connection
     * @param layout     the table, with text search
     * @param queryText  the query text
     * @param where      the filter condition, or {@code null}
     * @param limit      how many rows to rank at most
     * @return the rows that share a word with the query, best first
     * @throws SQLException if the query fails
     */
    static List<EmbeddingMatch<TextSegment>> rank(Connection connection, TableLayout layout, String queryText,
                                                 SqlClause where, int limit) throws SQLException {
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(layout.textSearchSql(where))) {
            statement.setString(1, queryText);
            int next = where == null ? 2 : where.bind(statement, 2);
            statement.setInt(next, limit);
            boolean int8 = layout.storage() == VectorStorage.INT8;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int column = 2;
                    float[] vector = int8 ? new Int8Vector(rs.getBytes(column++), rs.getFloat(column++)).dequantize()
                            : new PGhalfvec(rs.getString(column++)).toArray();
                    String id = rs.getString(1);
                    String text = rs.getString(column++);
                    String metadata = rs.getString(column++);
                    matches.add(new EmbeddingMatch<>(rs.getDouble(column), id, Embedding.from(vector),
                            TextSegment.from(text, MetadataJson.fromJson(metadata, id))));
                }
            }
        }
        return matches;
    }
}
