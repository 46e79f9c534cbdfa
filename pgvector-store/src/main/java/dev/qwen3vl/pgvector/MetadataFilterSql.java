package dev.qwen3vl.pgvector;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates LangChain4j metadata {@link Filter}s into a parameterised SQL condition on the {@code metadata} JSONB
 * column. Keys and values are always bound as parameters, never written into the SQL text.
 *
 * <p>Semantics follow LangChain4j: a comparison with a key that is absent (or holds a value of another JSON type) is
 * false, and {@code IsNotEqualTo}, {@code IsNotIn} and {@code Not} are its exact negation, so they match rows without
 * the key. Every leaf is therefore two-valued (never SQL NULL). Equality and {@code IsIn} use JSONB containment
 * ({@code metadata @> '{"key": value}'}), which the GIN index on the column serves, and compares numbers by value
 * ({@code 1} equals {@code 1.0}). Strings are ordered by code point ({@code COLLATE "C"}), as {@link String#compareTo}
 * does for the Basic Multilingual Plane; UUIDs are compared by their canonical lower-case text.
 */
final class MetadataFilterSql {

    private MetadataFilterSql() {
    }

    /**
     * Translates a filter.
     *
     * @param filter the filter
     * @return the SQL condition and its parameters
     * @throws UnsupportedOperationException for a filter type this store does not know
     * @throws IllegalArgumentException      for a filter value of an unsupported type
     */
    static SqlClause toSql(Filter filter) {
        if (filter instanceof IsEqualTo f) {
            return contains(f.key(), f.comparisonValue());
        } else if (filter instanceof IsNotEqualTo f) {
            return contains(f.key(), f.comparisonValue()).negate();
        } else if (filter instanceof IsGreaterThan f) {
            return compare(f.key(), ">", f.comparisonValue());
        } else if (filter instanceof IsGreaterThanOrEqualTo f) {
            return compare(f.key(), ">=", f.comparisonValue());
        } else if (filter instanceof IsLessThan f) {
            return compare(f.key(), "<", f.comparisonValue());
        } else if (filter instanceof IsLessThanOrEqualTo f) {
            return compare(f.key(), "<=", f.comparisonValue());
        } else if (filter instanceof IsIn f) {
            return containsAny(f.key(), f.comparisonValues());
        } else if (filter instanceof IsNotIn f) {
            return containsAny(f.key(), f.comparisonValues()).negate();
        } else if (filter instanceof ContainsString f) {
            return new SqlClause(
                    "COALESCE(jsonb_typeof(metadata -> ?) = 'string' AND strpos(metadata ->> ?, ?) > 0, FALSE)",
                    List.of(f.key(), f.key(), f.comparisonValue()));
        } else if (filter instanceof And f) {
            return SqlClause.join("AND", List.of(toSql(f.left()), toSql(f.right())));
        } else if (filter instanceof Or f) {
            return SqlClause.join("OR", List.of(toSql(f.left()), toSql(f.right())));
        } else if (filter instanceof Not f) {
            return toSql(f.expression()).negate();
        }
        throw new UnsupportedOperationException("Unsupported metadata filter type "
                + (filter == null ? "null" : filter.getClass().getName()));
    }

    private static SqlClause contains(String key, Object value) {
        return new SqlClause("(metadata @> ?::jsonb)", List.of(MetadataJson.entry(key, value)));
    }

    private static SqlClause containsAny(String key, Iterable<?> values) {
        List<SqlClause> alternatives = new ArrayList<>();
        for (Object value : values) {
            alternatives.add(contains(key, value));
        }
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("The value list of metadata key '" + key + "' is empty");
        }
        return SqlClause.join("OR", alternatives);
    }

    private static SqlClause compare(String key, String operator, Object value) {
        String type = MetadataJson.jsonType(key, value);
        if (type.equals("string")) {
            return new SqlClause("COALESCE(jsonb_typeof(metadata -> ?) = 'string' AND (metadata ->> ?) COLLATE \"C\" "
                    + operator + " ?, FALSE)",
                    List.of(key, key, (String) MetadataJson.jsonValue(key, value)));
        }
        return new SqlClause("COALESCE(jsonb_typeof(metadata -> ?) = '" + type + "' AND (metadata -> ?) "
                + operator + " ?::jsonb, FALSE)",
                List.of(key, key, MetadataJson.scalar(key, value)));
    }
}
