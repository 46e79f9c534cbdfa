package dev.qwen3vl.demo.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A chat message.
 *
 * @param conversationId the conversation; a new one is started when absent
 * @param message        the message, not blank
 * @param topK           candidates taken from pgvector
 * @param topN           passages kept after reranking
 * @param hybrid         whether pgvector ranks by full text too (default from {@code demo.store.search-mode})
 */
public record ChatRequest(
        @Schema(description = "Conversation id (letters, digits, '-' and '_'); omit to start a new conversation")
        String conversationId,
        @Schema(description = "The message", examples = "And how much does the fare cost?") String message,
        Integer topK,
        Integer topN,
        Boolean hybrid) {
}
