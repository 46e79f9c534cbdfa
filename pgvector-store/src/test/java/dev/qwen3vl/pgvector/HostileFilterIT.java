package dev.qwen3vl.pgvector;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile metadata filter values and keys on a real table: SQL fragments, quotes, LIKE wildcards, JSON syntax and
 * NUL-free control characters only ever match the rows that hold exactly that value, and the table survives every
 * one of them. Table names that carry SQL are refused before any statement is sent.
 */
class HostileFilterIT {

    private static final String TABLE = "it_hostile_filter";
    private static final List<String> HOSTILE = List.of(
            "x'); DROP TABLE " + TABLE + "; --",
            "' OR '1'='1",
            "%",
            "_",
            "\\",
            "\"}, \"tenant\": \"b",
            "a\u0001b\u001fc",
            "$$; SELECT pg_sleep(1); $$",
            "tenant' || (SELECT current_user) || '");

    @Test
    void hostile_values_match_only_their_own_rows_and_leave_the_table_intact() {
        PgHalfvecEmbeddingStore store = PgHalfvecEmbeddingStore.builder()
                .dataSource(TestDatabase.dataSource())
                .table(TABLE)
                .dimension(4)
                .build();
        store.removeAll();
        for (int i = 0; i < HOSTILE.size(); i++) {
            store.add(new Embedding(new float[] {1, i, 0.5f, 0.25f}),
                    TextSegment.from("row " + i, Metadata.from("tenant", HOSTILE.get(i)).put(HOSTILE.get(i), i)));
        }
        store.add(new Embedding(new float[] {1, 1, 1, 1}), TextSegment.from("plain", Metadata.from("tenant", "a")));

        for (int i = 0; i < HOSTILE.size(); i++) {
            String value = HOSTILE.get(i);
            assertThat(texts(store, metadataKey("tenant").isEqualTo(value))).as(value).containsExactly("row " + i);
            assertThat(texts(store, metadataKey(value).isEqualTo(i))).as("key " + value)
                    .containsExactly("row " + i);
            assertThat(texts(store, metadataKey("tenant").isIn(value, "nobody"))).as(value)
                    .containsExactly("row " + i);
        }
        // containsString is a substring test, never a LIKE pattern: '%' and '_' match only themselves
        assertThat(texts(store, metadataKey("tenant").containsString("%"))).containsExactly("row 2");
        assertThat(texts(store, metadataKey("tenant").containsString("_")))
                .containsExactly("row 0", "row 3", "row 7", "row 8"); // it_hostile_filter, _, pg_sleep, current_user

        store.removeAll(metadataKey("tenant").isEqualTo(HOSTILE.get(0)));
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM " + TABLE)).isEqualTo(HOSTILE.size());
        assertThat(texts(store, metadataKey("tenant").isNotEqualTo("a"))).hasSize(HOSTILE.size() - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rag; DROP TABLE it_hostile_filter", "rag\"--", "rag' OR 1=1", "rag/*", "ra g",
            "public.rag.x"})
    void table_names_with_sql_are_refused_before_any_statement(String table) {
        assertThatThrownBy(() -> PgHalfvecEmbeddingStore.builder()
                .dataSource(TestDatabase.dataSource())
                .table(table)
                .dimension(4)
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(table);
    }

    private static List<String> texts(PgHalfvecEmbeddingStore store, Filter filter) {
        return store.search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(new Embedding(new float[] {1, 0, 0, 0}))
                        .maxResults(50)
                        .minScore(0.0)
                        .filter(filter)
                        .build())
                .matches().stream().map(EmbeddingMatch::embedded).map(TextSegment::text).sorted().toList();
    }
}
