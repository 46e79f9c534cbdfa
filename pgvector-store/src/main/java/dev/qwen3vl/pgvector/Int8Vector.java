package dev.qwen3vl.pgvector;

/**
 * A vector stored by scalar quantization: {@code code[i] = round(x[i] / scale)} in [-127, 127] with
 * {@code scale = max|x| / 127}, so that {@code x[i] ≈ scale * code[i]}.
 *
 * @param codes the int8 codes, one per dimension
 * @param scale the per-vector scale
 */
record Int8Vector(byte[] codes, float scale) {

    private static final int MAX_CODE = 127;

    /**
     * Quantizes a vector.
     *
     * @param vector finite values, not all zero
     * @return the codes and scale
     */
    static Int8Vector quantize(float[] vector) {
        float maxAbs = 0f;
        for (float x : vector) {
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        float scale = maxAbs / MAX_CODE;
        byte[] codes = new byte[vector.length];
        for (int i = 0; i < vector.length; i++) {
            int code = Math.round(vector[i] / scale);
            codes[i] = (byte) Math.max(-MAX_CODE, Math.min(MAX_CODE, code));
        }
        return new Int8Vector(codes, scale);
    }

    /**
     * The sign bits that pgvector's {@code binary_quantize} would give: bit {@code i} is set when {@code x[i] > 0}.
     *
     * @param vector the vector
     * @return one flag per dimension
     */
    static boolean[] signBits(float[] vector) {
        boolean[] bits = new boolean[vector.length];
        for (int i = 0; i < vector.length; i++) {
            bits[i] = vector[i] > 0f;
        }
        return bits;
    }

    /** @return {@code scale * code[i]} for every dimension */
    float[] dequantize() {
        float[] vector = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            vector[i] = scale * codes[i];
        }
        return vector;
    }

    /**
     * The cosine similarity between a full-precision query and this quantized vector (the scale cancels out).
     *
     * @param query a vector of the same length
     * @return the cosine similarity, 0 if either vector is zero
     */
    double cosineSimilarity(float[] query) {
        double dot = 0;
        double queryNorm = 0;
        long codeNorm = 0;
        for (int i = 0; i < codes.length; i++) {
            dot += (double) query[i] * codes[i];
            queryNorm += (double) query[i] * query[i];
            codeNorm += (long) codes[i] * codes[i];
        }
        if (queryNorm == 0 || codeNorm == 0) {
            return 0;
        }
        return dot / (Math.sqrt(queryNorm) * Math.sqrt((double) codeNorm));
    }
}
