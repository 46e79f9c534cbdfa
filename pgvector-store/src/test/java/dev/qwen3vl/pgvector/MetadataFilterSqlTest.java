package dev.qwen3vl.pgvector;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataFilterSqlTest {

    @Test
    void should_keep_keys_and_values_out_of_the_sql_text() {
        Filter filter = Filter.and(metadataKey("k'ey").isEqualTo("v'al"),
                Filter.not(Filter.or(metadataKey("n\"um").isGreaterThan(5L), metadataKey("s").containsString("%_'"))));

        SqlClause clause = MetadataFilterSql.toSql(filter);

        assertThat(clause.sql()).doesNotContain("k'ey", "v'al", "n\"um", "%_'", "5");
        assertThat(clause.params()).containsExactly("{\"k'ey\":\"v'al\"}", "n\"um", "n\"um", "5", "s", "s", "%_'");
        assertThat(clause.sql()).isEqualTo("((metadata @> ?::jsonb) AND (NOT (COALESCE(jsonb_typeof(metadata -> ?) = "
                + "'number' AND (metadata -> ?) > ?::jsonb, FALSE) OR COALESCE(jsonb_typeof(metadata -> ?) = 'string' "
                + "AND strpos(metadata ->> ?, ?) > 0, FALSE))))");
    }

    @Test
    void should_encode_values_with_their_json_types() {
        UUID uuid = UUID.fromString("6f1c5a4e-0d7e-4a8e-9a53-0d2b1c3e4f50");

        assertThat(MetadataFilterSql.toSql(metadataKey("k").isEqualTo(uuid)).params())
                .containsExactly("{\"k\":\"6f1c5a4e-0d7e-4a8e-9a53-0d2b1c3e4f50\"}");
        assertThat(MetadataFilterSql.toSql(metadataKey("k").isEqualTo(1.23f)).params()).containsExactly("{\"k\":1.23}");
        assertThat(MetadataFilterSql.toSql(new IsLessThan("k", true)).sql()).contains("= 'boolean'");
        assertThat(MetadataFilterSql.toSql(metadataKey("k").isLessThan("b")).sql()).contains("COLLATE \"C\" < ?");
    }

    @Test
    void should_reject_unsupported_and_non_finite_values() {
        assertThatThrownBy(() -> MetadataFilterSql.toSql(metadataKey("k").isEqualTo(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Filter value NaN for metadata key 'k' is not a finite number");
        assertThatThrownBy(() -> MetadataFilterSql.toSql(new IsGreaterThan("k", LocalDate.MIN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported filter value type java.time.LocalDate for metadata key 'k'");
    }
}
