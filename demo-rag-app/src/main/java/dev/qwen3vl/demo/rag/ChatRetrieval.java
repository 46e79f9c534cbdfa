package dev.qwen3vl.demo.rag;

import java.util.List;

/**
 * What a streamed chat turn found, sent before its answer.
 *
 * @param conversationId the conversation
 * @param retrievalQuery what was embedded and reranked
 * @param sources        the passages, numbered from 1 in this order
 * @param notice         "nothing relevant found" when the best passage scores below the threshold; null otherwise
 * @param timings        embedding, search and rerank times
 * @param reranked       how many candidates the reranker scored
 */
public record ChatRetrieval(String conversationId, String retrievalQuery, List<Passage> sources, String notice,
                            Timings timings, int reranked) {
}
