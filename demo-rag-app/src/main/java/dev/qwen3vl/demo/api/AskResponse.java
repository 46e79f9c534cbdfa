package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.rag.Passage;
import dev.qwen3vl.demo.rag.Timings;
import java.util.List;

/**
 * The answer to a question.
 *
 * @param question   the question
 * @param answer     the answer, citing the sources as [1], [2], … (a moment of a video as [n@seconds])
 * @param mode       {@code generative} (chat model) or {@code extractive} (the best passages)
 * @param candidates how many candidates pgvector returned
 * @param reranked   how many of them the reranker scored ({@code demo.retrieval.rerank-max-*} budget)
 * @param sources    the reranked passages, best first; [1] is the first
 * @param timings    embed, search, rerank and generate times in ms
 * @param notice     "nothing relevant found" when the best passage scores below the threshold; null otherwise
 * @param images     how many pictures of the passages the chat model was shown
 */
public record AskResponse(String question, String answer, String mode, int candidates, int reranked,
                          List<Passage> sources,
                          Timings timings, String notice, int images) {
}
