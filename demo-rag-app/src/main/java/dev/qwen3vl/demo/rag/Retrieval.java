package dev.qwen3vl.demo.rag;

import java.util.List;

/**
 * The outcome of retrieving and reranking for one query.
 *
 * @param candidates how many candidates pgvector returned
 * @param reranked   how many of them the reranker scored (the rerank budget may leave the last ones out)
 * @param passages   the best passages after reranking, best first
 * @param timings    embedding, search and rerank times
 * @param notice     "nothing relevant found" when the best passage scores below the threshold; null otherwise
 */
public record Retrieval(int candidates, int reranked, List<Passage> passages, Timings timings, String notice) {
}
