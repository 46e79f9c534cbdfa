package dev.qwen3vl.pgvector;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour of {@link PgHalfvecEmbeddingStore} beyond LangChain4j's contract: schema checks, all-or-nothing batches,
 * filter values that look like SQL, and the precision of what is returned.
 */
class PgHalfvecEmbeddingStoreIT {

    private static final int DIMENSION = 8;

    @Test
    void should_fail_when_the_dimension_disagrees_with_the_existing_table() {
        freshStore("it_dimension", 384, VectorStorage.HALFVEC);

        assertThatThrownBy(() -> store("it_dimension", 512, VectorStorage.HALFVEC))
                .isInstanceOf(PgHalfvecStoreException.class)
                .hasMessageContaining("'it_dimension' stores 384-dimensional embeddings")
                .hasMessageContaining("configured with dimension 512");
    }

    @Test
    void should_fail_when_the_table_was_created_for_another_storage_mode() {
        freshStore("it_mode", DIMENSION, VectorStorage.INT8);

        assertThatThrownBy(() -> store("it_mode", DIMENSION, VectorStorage.HALFVEC))
                .isInstanceOf(PgHalfvecStoreException.class)
                .hasMessageContaining("has no halfvec column 'embedding'")
                .hasMessageContaining("embedding_bits bit(8)");
    }

    @Test
    void should_fail_when_the_table_is_missing_and_may_not_be_created() {
        TestDatabase.execute("DROP TABLE IF EXISTS it_missing");

        assertThatThrownBy(() -> PgHalfvecEmbeddingStore.builder().dataSource(TestDatabase.dataSource())
                .table("it_missing").dimension(DIMENSION).createTable(false).build())
                .isInstanceOf(PgHalfvecStoreException.class)
                .hasMessageContaining("'it_missing' does not exist and createTable is false");
    }

    @Test
    void should_reject_a_table_name_that_is_not_a_plain_identifier() {
        assertThatThrownBy(() -> store("it_x; DROP TABLE it_dimension", DIMENSION, VectorStorage.HALFVEC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Table name 'it_x; DROP TABLE it_dimension' is invalid");
    }

    @Test
    void should_store_nothing_when_a_batch_repeats_an_id() {
        PgHalfvecEmbeddingStore store = freshStore("it_batch_repeat", DIMENSION, VectorStorage.HALFVEC);
        List<Embedding> embeddings = RandomVectors.unitEmbeddings(new Random(1), 3, DIMENSION);

        assertThatThrownBy(() -> store.addAll(List.of("a", "b", "a"), embeddings, null))
                .isInstanceOf(PgHalfvecStoreException.class)
                .hasMessageContaining("rolled back")
                .hasMessageContaining("duplicate key");
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM it_batch_repeat")).isZero();
    }

    @Test
    void should_store_nothing_from_a_batch_when_one_id_is_already_stored() {
        PgHalfvecEmbeddingStore store = freshStore("it_batch_collision", DIMENSION, VectorStorage.INT8);
        List<Embedding> embeddings = RandomVectors.unitEmbeddings(new Random(2), 1200, DIMENSION);
        store.add("taken", embeddings.get(0));
        List<String> ids = new java.util.ArrayList<>(store.generateIds(1200));
        ids.set(1100, "taken"); // after two executed JDBC batches of 500 rows

        assertThatThrownBy(() -> store.addAll(ids, embeddings, null)).isInstanceOf(PgHalfvecStoreException.class);
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM it_batch_collision")).isEqualTo(1);
    }

    @Test
    void should_reject_a_batch_with_nan_and_store_nothing() {
        PgHalfvecEmbeddingStore store = freshStore("it_batch_nan", DIMENSION, VectorStorage.HALFVEC);
        float[] withNaN = RandomVectors.unitVector(new Random(3), DIMENSION);
        withNaN[5] = Float.NaN;

        assertThatThrownBy(() -> store.addAll(List.of(
                Embedding.from(RandomVectors.unitVector(new Random(4), DIMENSION)), Embedding.from(withNaN))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("embedding 1")
                .hasMessageContaining("non-finite value NaN at index 5");
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM it_batch_nan")).isZero();
    }

    @Test
    void should_reject_an_embedding_of_the_wrong_dimension() {
        PgHalfvecEmbeddingStore store = freshStore("it_wrong_dimension", DIMENSION, VectorStorage.HALFVEC);

        assertThatThrownBy(() -> store.add(Embedding.from(new float[] {1f, 2f, 3f})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 3 dimensions, but table 'it_wrong_dimension' stores 8-dimensional");
    }

    @Test
    void should_treat_quotes_and_sql_in_filter_keys_and_values_as_data() {
        PgHalfvecEmbeddingStore store = freshStore("it_injection", DIMENSION, VectorStorage.HALFVEC);
        String hostile = "x'); DROP TABLE it_injection; --";
        String hostileKey = "name' OR '1'='1";
        Random random = new Random(5);
        store.add(Embedding.from(RandomVectors.unitVector(random, DIMENSION)),
                TextSegment.from("hostile", new Metadata().put("name", hostile).put(hostileKey, "k")));
        store.add(Embedding.from(RandomVectors.unitVector(random, DIMENSION)),
                TextSegment.from("plain", new Metadata().put("name", "plain")));
        Embedding query = Embedding.from(RandomVectors.unitVector(random, DIMENSION));

        assertThat(texts(store, query, metadataKey("name").isEqualTo(hostile))).containsExactly("hostile");
        assertThat(texts(store, query, metadataKey("name").isIn(hostile, "O'Brien"))).containsExactly("hostile");
        assertThat(texts(store, query, metadataKey("name").containsString("'); DROP"))).containsExactly("hostile");
        assertThat(texts(store, query, metadataKey("name").isGreaterThan("x'"))).containsExactly("hostile");
        assertThat(texts(store, query, metadataKey(hostileKey).isEqualTo("k"))).containsExactly("hostile");
        assertThat(texts(store, query, metadataKey("name' OR '1'='1' --").isEqualTo("plain"))).isEmpty();
        assertThat(texts(store, query, metadataKey("name").isNotEqualTo("' OR 1=1 --"))).hasSize(2);
        store.removeAll(metadataKey("name").isEqualTo("plain' OR '1'='1"));
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM it_injection")).isEqualTo(2);
    }

    @Test
    void should_compare_numbers_by_value_and_types_strictly() {
        PgHalfvecEmbeddingStore store = freshStore("it_types", DIMENSION, VectorStorage.HALFVEC);
        Random random = new Random(6);
        store.add(Embedding.from(RandomVectors.unitVector(random, DIMENSION)),
                TextSegment.from("number", new Metadata().put("n", 10L)));
        store.add(Embedding.from(RandomVectors.unitVector(random, DIMENSION)),
                TextSegment.from("string", new Metadata().put("n", "10")));
        store.add(Embedding.from(RandomVectors.unitVector(random, DIMENSION)),
                TextSegment.from("nine", new Metadata().put("n", "9")));
        Embedding query = Embedding.from(RandomVectors.unitVector(random, DIMENSION));

        assertThat(texts(store, query, metadataKey("n").isEqualTo(10))).containsExactly("number");
        assertThat(texts(store, query, metadataKey("n").isEqualTo(10.0))).containsExactly("number");
        assertThat(texts(store, query, metadataKey("n").isEqualTo("10"))).containsExactly("string");
        assertThat(texts(store, query, metadataKey("n").isGreaterThan(9.5f))).containsExactly("number");
        // strings order by code point: "9" > "10"
        assertThat(texts(store, query, metadataKey("n").isGreaterThan("10"))).containsExactly("nine");
    }

    @Test
    void should_return_the_embedding_rounded_to_half_precision() {
        PgHalfvecEmbeddingStore store = freshStore("it_precision", DIMENSION, VectorStorage.HALFVEC);
        float[] vector = {1f / 3, -0.1f, 0.7f, 1e-3f, -2.5f, 100.2f, 0.015625f, -1f};
        String id = store.add(Embedding.from(vector));

        float[] returned = store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(vector))
                .maxResults(1).build()).matches().get(0).embedding().vector();

        assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(vector))
                .maxResults(1).build()).matches().get(0).embeddingId()).isEqualTo(id);
        for (int i = 0; i < vector.length; i++) {
            // half precision keeps 11 significant bits: relative rounding error at most 2^-11
            assertThat((double) Math.abs(returned[i] - vector[i])).isLessThanOrEqualTo(Math.abs(vector[i]) / 2048.0);
        }
        assertThat(returned[6]).isEqualTo(0.015625f); // a power of two is exact
        assertThat(returned[0]).isNotEqualTo(vector[0]); // 1/3 is not
    }

    @Test
    void should_return_the_dequantized_embedding_in_int8_storage() {
        PgHalfvecEmbeddingStore store = freshStore("it_int8_precision", DIMENSION, VectorStorage.INT8);
        float[] vector = {0.5f, -0.25f, 0.1f, -0.01f, 0.3f, 0f, -0.5f, 0.2f};
        String id = store.add(Embedding.from(vector));

        EmbeddingMatch<TextSegment> match = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(vector)).maxResults(1).build()).matches().get(0);

        assertThat(match.embeddingId()).isEqualTo(id);
        assertThat(match.score()).isGreaterThan(0.99999);
        float step = 0.5f / 127; // scale = max|x| / 127; rounding error at most half a step
        for (int i = 0; i < vector.length; i++) {
            assertThat((double) Math.abs(match.embedding().vector()[i] - vector[i]))
                    .isLessThanOrEqualTo(step / 2 + 1e-7);
        }
    }

    @Test
    void should_drop_matches_below_min_score() {
        PgHalfvecEmbeddingStore store = freshStore("it_min_score", 2, VectorStorage.BINARY);
        store.add("same", Embedding.from(new float[] {1f, 0f}));
        store.add("orthogonal", Embedding.from(new float[] {0f, 1f}));
        store.add("opposite", Embedding.from(new float[] {-1f, 0f}));

        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(new float[] {1f, 0f})).maxResults(3).minScore(0.5).build()).matches();

        // relevance (1 + cosine) / 2: 1.0, 0.5, 0.0
        assertThat(matches).extracting(EmbeddingMatch::embeddingId).containsExactly("same", "orthogonal");
        assertThat(matches).extracting(EmbeddingMatch::score).containsExactly(1.0, 0.5);
    }

    private static List<String> texts(PgHalfvecEmbeddingStore store, Embedding query, Filter filter) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(10).filter(filter).build())
                .matches().stream().map(m -> m.embedded().text()).sorted().toList();
    }

    private static PgHalfvecEmbeddingStore freshStore(String table, int dimension, VectorStorage storage) {
        TestDatabase.execute("DROP TABLE IF EXISTS " + table);
        return store(table, dimension, storage);
    }

    private static PgHalfvecEmbeddingStore store(String table, int dimension, VectorStorage storage) {
        return PgHalfvecEmbeddingStore.builder()
                .dataSource(TestDatabase.dataSource())
                .table(table)
                .dimension(dimension)
                .storage(storage)
                .build();
    }
}
