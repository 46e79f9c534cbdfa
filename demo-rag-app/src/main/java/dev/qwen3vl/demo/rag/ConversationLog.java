package dev.qwen3vl.demo.rag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwen3vl.demo.store.TransientFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conversations as the page shows them: each with a title (its first message) and its turns, every question with
 * its reply (answer, sources, timings) as JSON.
 */
@ApplicationScoped
public class ConversationLog {

    private static final int TITLE_CHARS = 80;

    /**
     * A conversation in the list.
     *
     * @param id        its id
     * @param title     its first message, shortened
     * @param turns     how many questions it has
     * @param createdAt when it started
     * @param updatedAt when its last turn was recorded
     */
    public record Summary(String id, String title, int turns, Instant createdAt, Instant updatedAt) {
    }

    /**
     * A recorded turn.
     *
     * @param turn      its number, from 1
     * @param question  the user's message
     * @param reply     the reply
     * @param createdAt when it was recorded
     */
    public record Turn(int turn, String question, ChatReply reply, Instant createdAt) {
    }

    /**
     * A conversation with its turns.
     *
     * @param id    its id
     * @param title its first message, shortened
     * @param turns its turns, oldest first
     */
    public record Conversation(String id, String title, List<Turn> turns) {
    }

    private final ChatTables tables;
    private final ObjectMapper json;

    /**
     * @param tables the conversation tables
     * @param json   the application's JSON mapper
     */
    @Inject
    public ConversationLog(ChatTables tables, ObjectMapper json) {
        this.tables = tables;
        this.json = json;
    }

    /** The conversations, most recently updated first. */
    public List<Summary> list() {
        String sql = "SELECT c.id, c.title, (SELECT count(*) FROM " + tables.turns() + " t WHERE t.conversation_id ="
                + " c.id), c.created_at, c.updated_at FROM " + tables.conversations() + " c ORDER BY c.updated_at DESC";
        try (Connection c = tables.connection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            List<Summary> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Summary(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
            }
            return out;
        } catch (SQLException e) {
            throw TransientFailures.failed("list the conversations", e);
        }
    }

    /**
     * @param id a conversation id
     * @return the conversation with its turns, if it exists
     */
    public Optional<Conversation> find(String id) {
        try (Connection c = tables.connection();
             PreparedStatement conversation = c.prepareStatement("SELECT title FROM " + tables.conversations()
                     + " WHERE id = ?");
             PreparedStatement turns = c.prepareStatement("SELECT turn, question, reply::text, created_at FROM "
                     + tables.turns() + " WHERE conversation_id = ? ORDER BY turn")) {
            conversation.setString(1, id);
            String title;
            try (ResultSet rs = conversation.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                title = rs.getString(1);
            }
            turns.setString(1, id);
            List<Turn> out = new ArrayList<>();
            try (ResultSet rs = turns.executeQuery()) {
                while (rs.next()) {
                    out.add(new Turn(rs.getInt(1), rs.getString(2), json.readValue(rs.getString(3), ChatReply.class),
                            rs.getTimestamp(4).toInstant()));
                }
            }
            return Optional.of(new Conversation(id, title, out));
        } catch (SQLException e) {
            throw TransientFailures.failed("read conversation " + id, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A turn of conversation " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Records a turn: creates the conversation with its first message as title, or marks it updated, and adds the
     * turn after the last one. Run it in the transaction that also stores the chat memory.
     *
     * @param question the user's message
     * @param reply    the reply, with the conversation id
     */
    public void record(String question, ChatReply reply) {
        String id = reply.conversationId();
        String title = question.strip().replaceAll("\\s+", " ");
        title = title.length() <= TITLE_CHARS ? title : title.substring(0, TITLE_CHARS - 1) + "…";
        try (Connection c = tables.connection();
             PreparedStatement conversation = c.prepareStatement("INSERT INTO " + tables.conversations()
                     + " (id, title) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET updated_at = now()");
             PreparedStatement turn = c.prepareStatement("INSERT INTO " + tables.turns() + " (conversation_id, turn,"
                     + " question, reply) SELECT ?, coalesce(max(turn), 0) + 1, ?, ?::jsonb FROM " + tables.turns()
                     + " WHERE conversation_id = ?")) {
            conversation.setString(1, id);
            conversation.setString(2, title);
            conversation.executeUpdate();
            turn.setString(1, id);
            turn.setString(2, question);
            turn.setString(3, json.writeValueAsString(reply));
            turn.setString(4, id);
            turn.executeUpdate();
        } catch (SQLException e) {
            throw TransientFailures.failed("record a turn of conversation " + id, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The reply cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a conversation with its turns and chat memory.
     *
     * @param id a conversation id
     * @return whether it existed
     */
    public boolean delete(String id) {
        try (Connection c = tables.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM " + tables.conversations() + " WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw TransientFailures.failed("delete conversation " + id, e);
        }
    }
}
