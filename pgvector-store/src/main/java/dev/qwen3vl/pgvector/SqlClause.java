package dev.qwen3vl.pgvector;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL with {@code ?} placeholders and the string values bound to them, in order.
 *
 * @param sql    SQL text; never contains user data
 * @param params the values for the placeholders, bound with {@link PreparedStatement#setString}
 */
record SqlClause(String sql, List<String> params) {

    SqlClause {
        params = List.copyOf(params);
    }

    /**
     * Joins clauses with a logical operator, in parentheses.
     *
     * @param operator {@code AND} or {@code OR}
     * @param clauses  the operands
     * @return {@code (a OP b OP ...)}
     */
    static SqlClause join(String operator, List<SqlClause> clauses) {
        StringBuilder sql = new StringBuilder("(");
        List<String> params = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            if (i > 0) {
                sql.append(' ').append(operator).append(' ');
            }
            sql.append(clauses.get(i).sql());
            params.addAll(clauses.get(i).params());
        }
        return new SqlClause(sql.append(')').toString(), params);
    }

    /**
     * Negates this clause.
     *
     * @return {@code (NOT this)}
     */
    SqlClause negate() {
        return new SqlClause("(NOT " + sql + ")", params);
    }

    /**
     * Binds the parameters of this clause, starting at a given placeholder index.
     *
     * @param statement the statement whose SQL contains this clause
     * @param index     the 1-based index of this clause's first placeholder
     * @return the index of the placeholder after this clause's last one
     * @throws SQLException if binding fails
     */
    int bind(PreparedStatement statement, int index) throws SQLException {
        int next = index;
        for (String param : params) {
            statement.setString(next++, param);
        }
        return next;
    }
}
