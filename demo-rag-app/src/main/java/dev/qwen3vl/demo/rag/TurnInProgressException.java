package dev.qwen3vl.demo.rag;

/** A message for a conversation whose previous turn is still being answered (HTTP 409). */
public class TurnInProgressException extends RuntimeException {

    /**
     * @param conversationId the conversation
     */
    public TurnInProgressException(String conversationId) {
        super("Conversation " + conversationId + " is still answering its previous message; send the next one when"
                + " that answer is complete");
    }
}
