package dev.qwen3vl.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;

/** Reads the messages of a startup failure. */
final class StartupFailures {

    private StartupFailures() {}

    /** The messages of {@code error} and all its causes, joined by newlines. */
    static String messages(Throwable error) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.add(t.getClass().getName() + ": " + t.getMessage());
        }
        return String.join("\n", messages);
    }
}
