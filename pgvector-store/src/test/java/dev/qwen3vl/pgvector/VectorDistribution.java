package dev.qwen3vl.pgvector;

import java.util.Random;

/**
 * Where the benchmark's unit vectors come from.
 */
interface VectorDistribution {

    /** @return a short name for tables and files, e.g. {@code random} */
    String name();

    /** @return a description for the report */
    String description();

    /** @return the number of dimensions */
    int dimension();

    /**
     * @param random the source of randomness
     * @return one unit vector
     */
    float[] sample(Random random);

    /**
     * Independent standard normal components, normalized: uniform on the sphere. The worst case for approximate
     * search, as every point is almost equally far from every other (intrinsic dimension = dimension).
     *
     * @param dimension the number of dimensions
     * @return the distribution
     */
    static VectorDistribution random(int dimension) {
        return new VectorDistribution() {
            @Override
            public String name() {
                return "random";
            }

            @Override
            public String description() {
                return "uniform random unit vectors";
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public float[] sample(Random random) {
                return RandomVectors.unitVector(random, dimension);
            }
        };
    }

    /**
     * {@code normalize(A z + noise)} with a fixed random {@code dimension x rank} matrix {@code A}, {@code z} standard
     * normal of size {@code rank} and independent normal noise: points near a {@code rank}-dimensional subspace, a
     * stand-in for real embeddings, whose intrinsic dimension is far below their dimension.
     *
     * @param dimension the number of dimensions
     * @param rank      the dimension of the subspace
     * @param noise     the standard deviation of the noise per component, relative to that of {@code A z}
     * @param seed      the seed of {@code A}
     * @return the distribution
     */
    static VectorDistribution lowRank(int dimension, int rank, float noise, long seed) {
        Random basisRandom = new Random(seed);
        float[][] basis = new float[dimension][rank];
        float scale = (float) (1 / Math.sqrt(rank));
        for (float[] row : basis) {
            for (int j = 0; j < rank; j++) {
                row[j] = (float) basisRandom.nextGaussian() * scale;
            }
        }
        return new VectorDistribution() {
            @Override
            public String name() {
                return "lowrank";
            }

            @Override
            public String description() {
                return "low-rank unit vectors (rank " + rank + " + " + noise + " noise)";
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public float[] sample(Random random) {
                float[] z = new float[rank];
                for (int j = 0; j < rank; j++) {
                    z[j] = (float) random.nextGaussian();
                }
                float[] v = new float[dimension];
                double norm = 0;
                for (int i = 0; i < dimension; i++) {
                    float x = noise * (float) random.nextGaussian();
                    float[] row = basis[i];
                    for (int j = 0; j < rank; j++) {
                        x += row[j] * z[j];
                    }
                    v[i] = x;
                    norm += (double) x * x;
                }
                float inv = (float) (1 / Math.sqrt(norm));
                for (int i = 0; i < dimension; i++) {
                    v[i] *= inv;
                }
                return v;
            }
        };
    }
}
