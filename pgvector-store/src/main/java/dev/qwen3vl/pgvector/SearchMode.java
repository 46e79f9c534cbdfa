package dev.qwen3vl.pgvector;

/**
 * How a {@link PgHalfvecEmbeddingStore} ranks a search.
 */
public enum SearchMode {

    /** By cosine similarity to the query embedding only. */
    VECTOR,

    /**
     * Full-text search and vector search, fused by reciprocal rank. The table gets a generated {@code tsvector} column
     * {@code text_search} on the segment text, with a GIN index. A search request that carries query text
     * ({@code EmbeddingSearchRequest.query()}) is ranked both ways and the two rankings are fused; a request without
     * query text is a {@link #VECTOR} search.
     */
    HYBRID
}
