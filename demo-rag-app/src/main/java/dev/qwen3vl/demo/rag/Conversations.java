package dev.qwen3vl.demo.rag;

import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.qwen3vl.demo.config.DemoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The chat memory of each conversation: a LangChain4j {@link MessageWindowChatMemory} of the last
 * {@code demo.chat.memory-messages} messages, kept in PostgreSQL ({@link PgChatMemoryStore}), so that conversations
 * survive a restart.
 */
@ApplicationScoped
public class Conversations {

    private final int maxMessages;
    private final PgChatMemoryStore store;

    /**
     * @param config memory size
     * @param store  where the messages are kept
     */
    @Inject
    public Conversations(DemoConfig config, PgChatMemoryStore store) {
        this.maxMessages = config.chat().memoryMessages();
        this.store = store;
    }

    /**
     * @param conversationId a conversation id
     * @return its memory, empty for an unknown id
     */
    public ChatMemory memory(String conversationId) {
        return MessageWindowChatMemory.builder()
                .id(conversationId)
                .maxMessages(maxMessages)
                .chatMemoryStore(store)
                .build();
    }
}
