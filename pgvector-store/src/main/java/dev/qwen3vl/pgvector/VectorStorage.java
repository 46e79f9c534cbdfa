package dev.qwen3vl.pgvector;

/**
 * How a {@link PgHalfvecEmbeddingStore} stores and indexes its vectors.
 *
 * <p>Every mode ranks the final results by cosine similarity. They differ in what is stored, what the HNSW index is
 * built on, and therefore in storage size, speed and recall (see docs/benchmarks-pgvector.md).
 */
public enum VectorStorage {

    /**
     * A {@code halfvec(n)} column (2 bytes per dimension). Up to 4000 dimensions the HNSW index is built on the column
     * itself ({@code halfvec_cosine_ops}) and searched directly. Above 4000 dimensions (pgvector's HNSW limit for
     * halfvec) the store behaves like {@link #BINARY}.
     */
    HALFVEC,

    /**
     * The same {@code halfvec(n)} column, but the HNSW index is built on its sign bits,
     * {@code binary_quantize(embedding)::bit(n)} with {@code bit_hamming_ops}, for any dimension. A search takes the
     * {@code maxResults * rescoreFactor} nearest candidates by Hamming distance and re-ranks them by the exact cosine
     * distance on the stored halfvec. Smaller and faster index than {@link #HALFVEC}, lower recall.
     */
    BINARY,

    /**
     * Scalar quantization: int8 codes in a {@code bytea} column (1 byte per dimension) with one scale per vector
     * ({@code max|x| / 127}), plus the sign bits in a {@code bit(n)} column that carries the HNSW index. A search takes
     * the {@code maxResults * rescoreFactor} nearest candidates by Hamming distance and re-ranks them by the cosine
     * similarity between the query and the dequantized int8 vector (computed in Java). About half the storage of
     * {@link #HALFVEC}; the returned embeddings are the dequantized vectors.
     */
    INT8
}
