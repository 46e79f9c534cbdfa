package dev.qwen3vl.demo.rag;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.qwen3vl.demo.store.TransientFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A LangChain4j {@link ChatMemoryStore} in PostgreSQL: the messages of each conversation as LangChain4j's JSON in
 * the table {@code <prefix>_memory}, one row per conversation (whose row in {@code <prefix>_conversations} must
 * exist). Inside a transaction its writes commit or roll back with the rest of the turn.
 */
@ApplicationScoped
public class PgChatMemoryStore implements ChatMemoryStore {

    private final ChatTables tables;

    /**
     * @param tables the conversation tables
     */
    @Inject
    public PgChatMemoryStore(ChatTables tables) {
        this.tables = tables;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        try (Connection c = tables.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT messages::text FROM " + tables.memory() + " WHERE conversation_id = ?")) {
            s.setString(1, memoryId.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? ChatMessageDeserializer.messagesFromJson(rs.getString(1)) : List.of();
            }
        } catch (SQLException e) {
            throw TransientFailures.failed("read the chat memory of " + memoryId, e);
        }
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        try (Connection c = tables.connection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO " + tables.memory() + " (conversation_id, messages) VALUES (?, ?::jsonb)"
                        + " ON CONFLICT (conversation_id) DO UPDATE SET messages = EXCLUDED.messages,"
                        + " updated_at = now()")) {
            s.setString(1, memoryId.toString());
            s.setString(2, ChatMessageSerializer.messagesToJson(messages));
            s.executeUpdate();
        } catch (SQLException e) {
            throw TransientFailures.failed("store the chat memory of " + memoryId, e);
        }
    }

    @Override
    public void deleteMessages(Object memoryId) {
        try (Connection c = tables.connection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM " + tables.memory() + " WHERE conversation_id = ?")) {
            s.setString(1, memoryId.toString());
            s.executeUpdate();
        } catch (SQLException e) {
            throw TransientFailures.failed("delete the chat memory of " + memoryId, e);
        }
    }
}
