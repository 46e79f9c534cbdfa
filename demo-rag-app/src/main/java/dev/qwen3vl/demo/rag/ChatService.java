package dev.qwen3vl.demo.rag;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Chat over the documents: every turn retrieves and reranks against the message in the context of the previous
 * question, answers from the new passages (the chat model also sees the conversation so far), and stores the
 * message and the reply in the conversation's memory.
 */
@ApplicationScoped
public class ChatService {

    private final Conversations conversations;
    private final Retriever retriever;
    private final AnswerWriter answers;

    /**
     * @param conversations the chat memories
     * @param retriever     retrieval and reranking
     * @param answers       answer writing
     */
    @Inject
    public ChatService(Conversations conversations, Retriever retriever, AnswerWriter answers) {
        this.conversations = conversations;
        this.retriever = retriever;
        this.answers = answers;
    }

    /**
     * @param conversationId the conversation
     * @param message        the user's message
     * @param topK           candidates from pgvector
     * @param topN           passages after reranking
     * @return the reply
     */
    public ChatReply chat(String conversationId, String message, int topK, int topN) {
        ChatMemory memory = conversations.memory(conversationId);
        synchronized (memory) {
            List<ChatMessage> history = memory.messages();
            String query = retrievalQuery(history, message);
            Retrieval retrieval = retriever.retrieve(query, topK, topN);
            Answer answer = answers.answer(message, retrieval.passages(), history, true);
            memory.add(UserMessage.from(message));
            memory.add(AiMessage.from(answer.text()));
            return new ChatReply(conversationId, answer.text(), answer.mode(), query, retrieval.passages(),
                    retrieval.timings().withGenerate(answer.generateMs()));
        }
    }

    /**
     * The text to retrieve with: the previous user message (which a follow-up such as "and on Sundays?" depends on)
     * and the new one.
     */
    static String retrievalQuery(List<ChatMessage> history, String message) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i) instanceof UserMessage previous) {
                return previous.singleText().strip() + "\n" + message.strip();
            }
        }
        return message.strip();
    }
}
