package dev.qwen3vl.pgvector;

import dev.langchain4j.data.embedding.Embedding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The table records which model's embeddings it holds and refuses a store configured for another model, dimension
 * or dtype; {@code clearOnModelChange} is the re-index path.
 */
class ModelGuardIT {

    private static final String TABLE = "it_guard";
    private static final String MODEL_A = "org/model-a";
    private static final String MODEL_B = "org/model-b";

    @BeforeEach
    void dropTheTable() {
        TestDatabase.execute("DROP TABLE IF EXISTS " + TABLE, "DROP TABLE IF EXISTS " + TABLE + "_model");
    }

    @Test
    void should_record_the_model_and_refuse_another_model_or_dtype_with_both_in_the_message() {
        addRows(store(MODEL_A, 8, "float32", false), 3, 8);

        assertThat(TestDatabase.queryLong("SELECT count(*) FROM " + TABLE + "_model WHERE model_id = '" + MODEL_A
                + "' AND dimension = 8 AND dtype = 'float32'")).isEqualTo(1);
        assertThatThrownBy(() -> store(MODEL_B, 8, "float32", false))
                .isInstanceOf(ModelMismatchException.class)
                .hasMessageContaining("'" + TABLE + "' holds embeddings of org/model-a (8 dimensions, float32)")
                .hasMessageContaining("configured for org/model-b (8 dimensions, float32)")
                .hasMessageContaining("clearOnModelChange(true)")
                .satisfies(e -> {
                    ModelMismatchException mismatch = (ModelMismatchException) e;
                    assertThat(mismatch.recorded()).isEqualTo(new ModelSignature(MODEL_A, 8, "float32"));
                    assertThat(mismatch.configured()).isEqualTo(new ModelSignature(MODEL_B, 8, "float32"));
                });
        assertThatThrownBy(() -> store(MODEL_A, 8, "bfloat16", false))
                .isInstanceOf(ModelMismatchException.class)
                .hasMessageContaining("org/model-a (8 dimensions, float32)")
                .hasMessageContaining("org/model-a (8 dimensions, bfloat16)");
        assertThatThrownBy(() -> store(MODEL_A, 16, "float32", false))
                .isInstanceOf(ModelMismatchException.class)
                .hasMessageContaining("org/model-a (16 dimensions, float32)");
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM " + TABLE)).isEqualTo(3);
        assertThat(store(MODEL_A, 8, "float32", false)).isNotNull();
    }

    @Test
    void should_empty_the_table_and_record_the_new_model_when_clearing_on_a_model_change() {
        addRows(store(MODEL_A, 8, "float32", false), 3, 8);

        PgHalfvecEmbeddingStore cleared = store(MODEL_B, 16, "float32", true);

        assertThat(TestDatabase.queryLong("SELECT count(*) FROM " + TABLE)).isZero();
        addRows(cleared, 2, 16);
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM " + TABLE)).isEqualTo(2);
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM " + TABLE + "_model WHERE model_id = '" + MODEL_B
                + "' AND dimension = 16")).isEqualTo(1);
        assertThat(store(MODEL_B, 16, "float32", true)).isNotNull();
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM " + TABLE)).as("same model: nothing cleared")
                .isEqualTo(2);
        assertThatThrownBy(() -> store(MODEL_A, 16, "float32", false)).isInstanceOf(ModelMismatchException.class);
    }

    @Test
    void should_adopt_a_table_created_before_models_were_recorded_and_guard_it_from_then_on() {
        addRows(PgHalfvecEmbeddingStore.builder().dataSource(TestDatabase.dataSource()).table(TABLE).dimension(8)
                .build(), 2, 8);

        store(MODEL_A, 8, "float32", false);

        assertThat(TestDatabase.queryLong("SELECT count(*) FROM " + TABLE)).isEqualTo(2);
        assertThatThrownBy(() -> store(MODEL_B, 8, "float32", false)).isInstanceOf(ModelMismatchException.class);
        assertThat(PgHalfvecEmbeddingStore.builder().dataSource(TestDatabase.dataSource()).table(TABLE).dimension(8)
                .build()).as("a store without a model checks nothing").isNotNull();
    }

    @Test
    void should_reject_a_model_without_dtype() {
        assertThatThrownBy(() -> store(MODEL_A, 8, " ", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dtype cannot be blank");
    }

    private static PgHalfvecEmbeddingStore store(String model, int dimension, String dtype, boolean clear) {
        return PgHalfvecEmbeddingStore.builder()
                .dataSource(TestDatabase.dataSource())
                .table(TABLE)
                .dimension(dimension)
                .embeddingModel(model, dtype)
                .clearOnModelChange(clear)
                .build();
    }

    private static void addRows(PgHalfvecEmbeddingStore store, int n, int dimension) {
        Random random = new Random(n);
        for (int i = 0; i < n; i++) {
            store.add(Embedding.from(RandomVectors.unitVector(random, dimension)));
        }
    }
}
