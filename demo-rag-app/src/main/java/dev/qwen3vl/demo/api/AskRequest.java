package dev.qwen3vl.demo.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A question.
 *
 * @param question the question, not blank
 * @param topK     candidates taken from pgvector (default {@code demo.retrieval.top-k})
 * @param topN     passages kept after reranking, at most topK (default {@code demo.retrieval.top-n})
 * @param generate whether the chat model writes the answer, when one is configured (default true)
 * @param hybrid   whether pgvector ranks by full text too (default: {@code demo.store.search-mode} is hybrid)
 */
public record AskRequest(
        @Schema(description = "The question", examples = "When does the first ferry leave Port Verrow?")
        String question,
        @Schema(description = "Candidates taken from pgvector", examples = "20") Integer topK,
        @Schema(description = "Passages kept after reranking", examples = "5") Integer topN,
        @Schema(description = "Let the chat model write the answer (if one is configured)", defaultValue = "true")
        Boolean generate,
        @Schema(description = "Rank by full text as well as by vector (finds exact codes and names); default from"
                + " demo.store.search-mode")
        Boolean hybrid) {
}
