package dev.qwen3vl.inference;

/**
 * From the last token's hidden state to the embedding (as {@code Qwen3VLEmbedder} pools): keep the first {@code dimension} values
 * (Matryoshka representation learning), then L2-normalise (eps 1e-12 as {@code F.normalize}).
 */
public final class Pooling {

    private Pooling() {}

    /**
     * @param pooled final-normed hidden state of the last token
     * @param dimension values to keep, 1..pooled.length (the model card recommends at least 64)
     */
    public static float[] embedding(float[] pooled, int dimension) {
        if (dimension < 1 || dimension > pooled.length) {
            throw new IllegalArgumentException("Embedding dimension must be between 1 and the model's hidden size "
                    + pooled.length + ", got " + dimension);
        }
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            sum += (double) pooled[i] * pooled[i];
        }
        float norm = (float) Math.max(Math.sqrt(sum), 1e-12);
        float[] out = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            out[i] = pooled[i] / norm;
        }
        return out;
    }
}
