package dev.qwen3vl.demo.rag;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.demo.ingest.ChunkMetadata;
import dev.qwen3vl.demo.store.ChunkStore;
import dev.qwen3vl.demo.store.DatabaseUnavailableException;
import dev.qwen3vl.demo.store.TransientFailures;
import dev.qwen3vl.langchain4j.Qwen3VlScoringModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Two-stage retrieval: the query is embedded with the query instruction ({@link EmbeddingInputType#QUERY}), pgvector
 * returns the top-k chunks (nearest by cosine, or in hybrid search fused with the full-text ranking of the query),
 * the reranker scores each of them against the query (chunks with an image or a video are scored together with it),
 * and the top-n by reranker score are kept. The rerank budget ({@code demo.retrieval.rerank-max-candidates} and
 * {@code rerank-max-tokens}) bounds the candidates scored per request: those beyond it follow the reranked ones in
 * their vector order. When the best score is below {@code demo.retrieval.min-rerank-score}
 * the retrieval carries the notice that nothing relevant was found.
 */
@ApplicationScoped
public class Retriever {

    private final EmbeddingModel embeddingModel;
    private final Qwen3VlScoringModel scoringModel;
    private final ChunkStore chunks;
    private final double minRerankScore;
    private final RerankBudget budget;

    /**
     * @param embeddingModel the Qwen3-VL embedding model
     * @param scoringModel   the Qwen3-VL reranker
     * @param chunks         the store
     * @param config         the relevance threshold and the rerank budget
     */
    @Inject
    public Retriever(EmbeddingModel embeddingModel, Qwen3VlScoringModel scoringModel, ChunkStore chunks,
                     DemoConfig config) {
        this.embeddingModel = embeddingModel;
        this.scoringModel = scoringModel;
        this.chunks = chunks;
        this.minRerankScore = config.retrieval().minRerankScore();
        this.budget = new RerankBudget(config.retrieval().rerankMaxCandidates(), config.retrieval().rerankMaxTokens());
    }

    /**
     * @param query  the query text
     * @param topK   candidates taken from pgvector
     * @param topN   passages kept after reranking
     * @param hybrid whether pgvector ranks by full text too (the store must be in hybrid mode)
     * @return the passages, best reranker score first (ties keep the pgvector order), then the candidates beyond the
     *         rerank budget in pgvector order
     */
    public Retrieval retrieve(String query, int topK, int topN, boolean hybrid) {
        long t0 = System.nanoTime();
        Embedding queryEmbedding = embeddingModel.embed(EmbeddingRequest.builder()
                .input(query)
                .inputType(EmbeddingInputType.QUERY)
                .build()).embeddings().get(0);
        long t1 = System.nanoTime();
        List<EmbeddingMatch<TextSegment>> matches = search(queryEmbedding, hybrid ? query : null, topK);
        long t2 = System.nanoTime();
        List<TextSegment> segments = matches.stream().map(EmbeddingMatch::embedded).toList();
        Qwen3VlScoringModel.Prepared pairs = scoringModel.prepare(budget.considered(segments), query);
        int reranked = budget.count(pairs.tokenCounts());
        List<Double> scores = pairs.scoreFirst(reranked).content();
        long t3 = System.nanoTime();
        List<Integer> order = IntStream.range(0, matches.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> i < reranked ? scores.get(i) : Double.NEGATIVE_INFINITY)
                        .reversed())
                .limit(topN)
                .toList();
        List<Passage> passages = new ArrayList<>(order.size());
        for (int i : order) {
            passages.add(passage(matches.get(i), i + 1, i < reranked ? scores.get(i) : null));
        }
        return new Retrieval(matches.size(), reranked, passages,
                new Timings(Timings.millis(t1 - t0), Timings.millis(t2 - t1), Timings.millis(t3 - t2), 0),
                notice(passages, minRerankScore));
    }

    /**
     * @param passages       the reranked passages, best first
     * @param minRerankScore the threshold
     * @return "nothing relevant found" when the best passage scores below the threshold (or there is none); null
     *         otherwise
     */
    static String notice(List<Passage> passages, double minRerankScore) {
        if (passages.isEmpty()) {
            return "Nothing found: no document is ingested yet.";
        }
        double best = passages.get(0).rerankScore();
        return best >= minRerankScore ? null : String.format(Locale.ROOT, "Nothing relevant found: the best passage"
                + " scores %.3f, below %.2f (demo.retrieval.min-rerank-score). The answer may not be supported by the"
                + " documents.", best, minRerankScore);
    }

    private List<EmbeddingMatch<TextSegment>> search(Embedding queryEmbedding, String queryText, int topK) {
        try {
            return chunks.store().search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(queryEmbedding)
                    .query(queryText)
                    .maxResults(topK)
                    .build()).matches();
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e) && !(e instanceof DatabaseUnavailableException)) {
                throw new DatabaseUnavailableException("The database is unreachable: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static Passage passage(EmbeddingMatch<TextSegment> match, int retrievalRank, Double rerankScore) {
        TextSegment segment = match.embedded();
        String thumbnail = segment.metadata().getString(ChunkMetadata.THUMBNAIL);
        String media = segment.metadata().getString(ChunkMetadata.MEDIA);
        return new Passage(match.embeddingId(),
                segment.metadata().getString(ChunkMetadata.SOURCE),
                segment.metadata().getInteger(ChunkMetadata.PAGE),
                segment.metadata().getString(ChunkMetadata.KIND),
                thumbnail == null ? null : "/api/media/" + thumbnail,
                media == null ? null : "/api/media/" + media,
                retrievalRank, match.score(), rerankScore, segment.text());
    }
}
