package dev.qwen3vl.pgvector;

/**
 * Checks that a vector can be stored and compared by cosine similarity, before it reaches the database.
 */
final class VectorChecks {

    /** The largest finite half-precision value. */
    static final float MAX_HALF = 65504f;

    private VectorChecks() {
    }

    /**
     * Checks a vector.
     *
     * @param what      how to call the vector in a message, e.g. "embedding 3 (id 'x')" or "query embedding"
     * @param vector    the vector
     * @param layout    the table it is for
     * @throws IllegalArgumentException if the vector has the wrong dimension, a non-finite component, a component that
     *                                  halfvec cannot hold, or only zeros
     */
    static void check(String what, float[] vector, TableLayout layout) {
        if (vector.length != layout.dimension()) {
            throw new IllegalArgumentException(what + " has " + vector.length + " dimensions, but table '"
                    + layout.displayName() + "' stores " + layout.dimension() + "-dimensional embeddings");
        }
        boolean halfvec = layout.storage() != VectorStorage.INT8;
        boolean allZero = true;
        for (int i = 0; i < vector.length; i++) {
            float x = vector[i];
            if (Float.isNaN(x) || Float.isInfinite(x)) {
                throw new IllegalArgumentException(what + " has the non-finite value " + x + " at index " + i);
            }
            if (halfvec && Math.abs(x) > MAX_HALF) {
                throw new IllegalArgumentException(what + " has the value " + x + " at index " + i
                        + ", outside the halfvec range of +-" + MAX_HALF);
            }
            allZero &= x == 0f;
        }
        if (allZero) {
            throw new IllegalArgumentException(what + " is the zero vector, for which cosine similarity is undefined");
        }
    }
}
