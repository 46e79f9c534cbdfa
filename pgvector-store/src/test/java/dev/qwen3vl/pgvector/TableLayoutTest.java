package dev.qwen3vl.pgvector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableLayoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a-b", "a b", "a;b", "a.b.c", "\"a\"", "a.", ".a",
            "a_name_that_is_longer_than_forty_characters_x"})
    void should_reject_table_names_that_are_not_plain_identifiers(String name) {
        assertThatThrownBy(() -> TableLayout.of(name, 8, VectorStorage.HALFVEC, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'");
    }

    @Test
    void should_quote_schema_and_table() {
        TableLayout layout = TableLayout.of("My_Schema.Docs", 8, VectorStorage.HALFVEC, null, null);

        assertThat(layout.qualifiedName()).isEqualTo("\"My_Schema\".\"Docs\"");
        assertThat(layout.createVectorIndexStatement())
                .isEqualTo("CREATE INDEX IF NOT EXISTS \"Docs_embedding_hnsw\" ON \"My_Schema\".\"Docs\""
                        + " USING hnsw (embedding halfvec_cosine_ops)");
    }

    @Test
    void should_index_halfvec_up_to_4000_dimensions_and_sign_bits_above() {
        assertThat(TableLayout.of("t", 4000, VectorStorage.HALFVEC, 16, 64).createVectorIndexStatement())
                .endsWith("USING hnsw (embedding halfvec_cosine_ops) WITH (m = 16, ef_construction = 64)");
        assertThat(TableLayout.of("t", 4001, VectorStorage.HALFVEC, null, null).createVectorIndexStatement())
                .endsWith("USING hnsw ((binary_quantize(embedding)::bit(4001)) bit_hamming_ops)");
        assertThat(TableLayout.of("t", 384, VectorStorage.BINARY, null, null).createVectorIndexStatement())
                .endsWith("USING hnsw ((binary_quantize(embedding)::bit(384)) bit_hamming_ops)");
        assertThat(TableLayout.of("t", 384, VectorStorage.INT8, null, null).createVectorIndexStatement())
                .endsWith("USING hnsw (embedding_bits bit_hamming_ops)");
    }

    @Test
    void should_reject_out_of_range_options() {
        assertThatThrownBy(() -> TableLayout.of("t", 16001, VectorStorage.HALFVEC, null, null))
                .hasMessage("dimension must be between 1 and 16000 (pgvector's halfvec limit), but is 16001");
        assertThatThrownBy(() -> TableLayout.of("t", 0, VectorStorage.HALFVEC, null, null))
                .hasMessageContaining("but is 0");
        assertThatThrownBy(() -> TableLayout.of("t", 8, VectorStorage.HALFVEC, 1, null))
                .hasMessage("hnswM must be between 2 and 100, but is 1");
        assertThatThrownBy(() -> TableLayout.of("t", 8, VectorStorage.HALFVEC, 32, 40))
                .hasMessage("efConstruction (40) must be at least twice hnswM (32)");
    }

    @Test
    void should_compare_versions_numerically() {
        assertThat(TableSetup.compareVersions("0.10.0", "0.8.0")).isPositive();
        assertThat(TableSetup.compareVersions("0.7.4", "0.8.0")).isNegative();
        assertThat(TableSetup.compareVersions("0.8", "0.8.0")).isZero();
    }
}
