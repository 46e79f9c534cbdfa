package dev.qwen3vl.demo.rag;

import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.qwen3vl.demo.config.DemoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chat memories of the conversations, in memory: a LangChain4j {@link MessageWindowChatMemory} per conversation
 * id keeping the last {@code demo.chat.memory-messages} messages; beyond {@code demo.chat.max-conversations} the
 * least recently used conversation is forgotten.
 */
@ApplicationScoped
public class Conversations {

    private final int maxMessages;
    private final Map<String, ChatMemory> memories;

    /**
     * @param config memory sizes
     */
    @Inject
    public Conversations(DemoConfig config) {
        this.maxMessages = config.chat().memoryMessages();
        int maxConversations = config.chat().maxConversations();
        this.memories = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ChatMemory> eldest) {
                return size() > maxConversations;
            }
        };
    }

    /**
     * @param conversationId a conversation id
     * @return its memory, new and empty for an unknown id
     */
    public synchronized ChatMemory memory(String conversationId) {
        return memories.computeIfAbsent(conversationId, id -> MessageWindowChatMemory.builder()
                .id(id)
                .maxMessages(maxMessages)
                .build());
    }
}
