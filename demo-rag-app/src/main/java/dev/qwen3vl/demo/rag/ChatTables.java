package dev.qwen3vl.demo.rag;

import dev.qwen3vl.demo.config.DemoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The conversation tables, created on first use: {@code <prefix>_conversations} (id, title, times),
 * {@code <prefix>_turns} (each question with its reply as JSON) and {@code <prefix>_memory} (the chat memory of each
 * conversation as LangChain4j's JSON of messages), the last two deleted with their conversation.
 */
@ApplicationScoped
public class ChatTables {

    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,30}");

    private final DataSource dataSource;
    private final String prefix;
    private volatile boolean created;

    /**
     * @param dataSource the database
     * @param config     the table prefix
     */
    @Inject
    public ChatTables(DataSource dataSource, DemoConfig config) {
        this.dataSource = dataSource;
        this.prefix = config.chat().tablePrefix();
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("demo.chat.table-prefix='" + prefix + "' must match "
                    + PREFIX.pattern());
        }
    }

    /** The conversations. */
    String conversations() {
        return prefix + "_conversations";
    }

    /** The turns. */
    String turns() {
        return prefix + "_turns";
    }

    /** The chat memories. */
    String memory() {
        return prefix + "_memory";
    }

    /**
     * A connection, after the tables were created.
     *
     * @throws SQLException if the database fails
     */
    Connection connection() throws SQLException {
        if (!created) {
            synchronized (this) {
                if (!created) {
                    create();
                    created = true;
                }
            }
        }
        return dataSource.getConnection();
    }

    private void create() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + conversations() + " (id text PRIMARY KEY, title text NOT NULL,"
                    + " created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE TABLE IF NOT EXISTS " + turns() + " (conversation_id text NOT NULL REFERENCES "
                    + conversations() + " ON DELETE CASCADE, turn integer NOT NULL, question text NOT NULL, reply"
                    + " jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (conversation_id,"
                    + " turn))");
            s.execute("CREATE TABLE IF NOT EXISTS " + memory() + " (conversation_id text PRIMARY KEY REFERENCES "
                    + conversations() + " ON DELETE CASCADE, messages jsonb NOT NULL, updated_at timestamptz NOT NULL"
                    + " DEFAULT now())");
        }
    }
}
