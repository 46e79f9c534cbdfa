package dev.qwen3vl.pgvector;

import dev.langchain4j.data.embedding.Embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random unit vectors and exact (brute-force, double precision) cosine ranking for the tests and the benchmark.
 */
final class RandomVectors {

    private RandomVectors() {
    }

    /**
     * @param random    the source of randomness
     * @param dimension the number of dimensions
     * @return a vector with independent standard normal components, scaled to unit length
     */
    static float[] unitVector(Random random, int dimension) {
        float[] v = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            norm += (double) v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /**
     * @param random    the source of randomness
     * @param count     how many vectors
     * @param dimension the number of dimensions
     * @return {@code count} unit vectors as embeddings
     */
    static List<Embedding> unitEmbeddings(Random random, int count, int dimension) {
        List<Embedding> embeddings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            embeddings.add(Embedding.from(unitVector(random, dimension)));
        }
        return embeddings;
    }

    /**
     * @param a a vector
     * @param b a vector of the same length
     * @return their cosine similarity, in double precision
     */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /**
     * @param query      the query
     * @param candidates the vectors to rank
     * @param k          how many to return
     * @return the indexes of the {@code k} candidates most similar to the query, most similar first
     */
    static int[] exactTopK(float[] query, List<float[]> candidates, int k) {
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = cosine(query, candidates.get(i));
        }
        return java.util.stream.IntStream.range(0, scores.length).boxed()
                .sorted((x, y) -> Double.compare(scores[y], scores[x]))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }
}
