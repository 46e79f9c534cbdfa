package dev.qwen3vl.pgvector;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;

/**
 * LangChain4j's contract for stores with metadata filters, on a 384-dimensional {@link VectorStorage#HALFVEC} table.
 */
class PgHalfvecEmbeddingStoreWithFilteringIT extends EmbeddingStoreWithFilteringIT {

    private static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
    private static final PgHalfvecEmbeddingStore STORE = PgHalfvecEmbeddingStore.builder()
            .dataSource(TestDatabase.dataSource())
            .table("it_contract_filtering")
            .dimension(384)
            .build();

    @Override
    protected EmbeddingStore<TextSegment> embeddingStore() {
        return STORE;
    }

    @Override
    protected EmbeddingModel embeddingModel() {
        return MODEL;
    }

    @Override
    protected void clearStore() {
        STORE.removeAll();
    }

    @Override
    protected boolean supportsContains() {
        return true;
    }

    /**
     * halfvec keeps 11 significant bits, so the returned embedding is the rounded one, not equal to the input;
     * PgHalfvecEmbeddingStoreIT checks it against the rounding bound instead.
     */
    @Override
    protected boolean assertEmbedding() {
        return false;
    }
}
