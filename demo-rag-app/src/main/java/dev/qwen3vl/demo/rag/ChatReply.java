package dev.qwen3vl.demo.rag;

import java.util.List;

/**
 * One turn of a conversation.
 *
 * @param conversationId the conversation
 * @param answer         the reply, citing its passages by number
 * @param mode           {@link Answer#GENERATIVE} or {@link Answer#EXTRACTIVE}
 * @param retrievalQuery what was embedded and reranked: the message with the previous question as context
 * @param sources        the passages, numbered from 1 in this order
 * @param timings        where the time went
 * @param notice         "nothing relevant found" when the best passage scores below the threshold; null otherwise
 * @param images         how many pictures of the passages the chat model was shown
 */
public record ChatReply(String conversationId, String answer, String mode, String retrievalQuery,
                        List<Passage> sources, Timings timings, String notice, int images) {
}
