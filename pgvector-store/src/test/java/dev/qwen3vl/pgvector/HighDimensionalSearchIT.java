package dev.qwen3vl.pgvector;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.RelevanceScore;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Embeddings above pgvector's HNSW limit for {@code vector} (2000 dimensions): 2048 dimensions through the HNSW index
 * on halfvec, 4096 dimensions (above the halfvec HNSW limit, 4000) through the HNSW index on binary_quantize with exact
 * re-scoring, and the int8 storage through the HNSW index on its sign bits.
 *
 * <p>The stores use sessions with sequential scans disabled. The planner then uses an index only if the query's
 * expression is exactly the indexed one, which the plans must show. With {@code ef_search} (and for the binary index
 * the candidate count) at least the number of rows, HNSW visits the whole graph, so the results must be the exact
 * nearest neighbours computed by brute force.
 */
class HighDimensionalSearchIT {

    private static final int ROWS = 400;
    private static final int QUERIES = 5;
    private static final int K = 10;
    private static final DataSource INDEX_ONLY = TestDatabase.dataSource("-c enable_seqscan=off");

    @Test
    void should_return_exact_nearest_neighbours_through_hnsw_on_halfvec_at_2048_dimensions() {
        PgHalfvecEmbeddingStore store = freshStore("it_hnsw_2048", 2048, VectorStorage.HALFVEC, ROWS, 1);
        Random random = new Random(2048);

        assertExactNearestNeighbours(store, 2048, random);
        assertThat(plan(store, RandomVectors.unitVector(random, 2048)))
                .contains("Index Scan using it_hnsw_2048_embedding_hnsw");
    }

    @Test
    void should_return_exact_nearest_neighbours_through_binary_prefilter_and_rescoring_at_4096_dimensions() {
        PgHalfvecEmbeddingStore store = freshStore("it_bq_4096", 4096, VectorStorage.HALFVEC, ROWS, ROWS / K);
        Random random = new Random(4096);

        assertExactNearestNeighbours(store, 4096, random);
        assertThat(plan(store, RandomVectors.unitVector(random, 4096)))
                .contains("Index Scan using it_bq_4096_embedding_bq_hnsw");
    }

    @Test
    void should_find_a_stored_vector_first_with_ef_search_40_and_rescore_factor_4_at_4096_dimensions() {
        PgHalfvecEmbeddingStore store = freshStore("it_bq_4096_defaults", 4096, VectorStorage.HALFVEC, 40, 4);
        List<Embedding> embeddings = RandomVectors.unitEmbeddings(new Random(7), ROWS, 4096);
        List<String> ids = store.addAll(embeddings);

        for (int q = 0; q < QUERIES; q++) {
            int stored = q * 17;
            List<EmbeddingMatch<TextSegment>> matches = store.search(request(embeddings.get(stored).vector()))
                    .matches();

            assertThat(matches).hasSize(K);
            assertThat(matches.get(0).embeddingId()).isEqualTo(ids.get(stored));
            assertThat(matches.get(0).score()).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void should_rank_int8_candidates_from_the_sign_bit_index_like_exact_search() {
        PgHalfvecEmbeddingStore store = freshStore("it_int8_2048", 2048, VectorStorage.INT8, ROWS, ROWS / K);
        Random random = new Random(8);
        List<Embedding> embeddings = RandomVectors.unitEmbeddings(random, ROWS, 2048);
        List<String> ids = store.addAll(embeddings);
        List<float[]> vectors = embeddings.stream().map(Embedding::vector).toList();

        int found = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = RandomVectors.unitVector(random, 2048);
            List<String> expected = Arrays.stream(RandomVectors.exactTopK(query, vectors, K)).mapToObj(ids::get)
                    .toList();
            List<EmbeddingMatch<TextSegment>> matches = store.search(request(query)).matches();

            assertThat(matches).hasSize(K);
            assertThat(matches).extracting(EmbeddingMatch::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            found += (int) matches.stream().filter(m -> expected.contains(m.embeddingId())).count();
        }
        // int8 re-scoring perturbs cosines by ~1e-3, near-ties at the tail of the top 10 may swap
        assertThat(found).isGreaterThanOrEqualTo(QUERIES * K * 9 / 10);
        assertThat(plan(store, RandomVectors.unitVector(random, 2048)))
                .contains("Index Scan using it_int8_2048_embedding_bits_hnsw");
    }

    private static void assertExactNearestNeighbours(PgHalfvecEmbeddingStore store, int dimension, Random random) {
        List<Embedding> embeddings = RandomVectors.unitEmbeddings(random, ROWS, dimension);
        List<String> ids = store.addAll(embeddings);
        List<float[]> vectors = embeddings.stream().map(Embedding::vector).toList();

        for (int q = 0; q < QUERIES; q++) {
            float[] query = RandomVectors.unitVector(random, dimension);
            int[] expected = RandomVectors.exactTopK(query, vectors, K);

            List<EmbeddingMatch<TextSegment>> matches = store.search(request(query)).matches();

            assertThat(matches).extracting(EmbeddingMatch::embeddingId)
                    .containsExactly(Arrays.stream(expected).mapToObj(ids::get).toArray(String[]::new));
            for (int i = 0; i < K; i++) {
                double exact = RelevanceScore.fromCosineSimilarity(RandomVectors.cosine(query, vectors.get(expected[i])));
                assertThat(matches.get(i).score()).isCloseTo(exact, within(1e-4));
            }
        }
    }

    /** The plan without its long vector and bit-string literals, so that a failure message stays readable. */
    private static String plan(PgHalfvecEmbeddingStore store, float[] query) {
        return store.explainSearch(request(query)).replaceAll("'[^']*'", "'...'");
    }

    private static EmbeddingSearchRequest request(float[] query) {
        return EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(query)).maxResults(K).build();
    }

    private static PgHalfvecEmbeddingStore freshStore(String table, int dimension, VectorStorage storage, int efSearch,
                                                      int rescoreFactor) {
        TestDatabase.execute("DROP TABLE IF EXISTS " + table);
        return PgHalfvecEmbeddingStore.builder()
                .dataSource(INDEX_ONLY)
                .table(table)
                .dimension(dimension)
                .storage(storage)
                .efSearch(efSearch)
                .rescoreFactor(rescoreFactor)
                .build();
    }
}
