package dev.qwen3vl.demo.security;

import dev.qwen3vl.demo.config.DemoConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The configured API keys and what each may do: an {@code editor} key may call everything, a {@code reader} key the
 * read endpoints. Without keys the API is open; with keys the write endpoints need an editor key, and with
 * {@code protect-reads} the read endpoints need a reader or editor key.
 */
public final class ApiKeys {

    /** What a request needs. */
    public enum Need {
        /** Nothing: the endpoint is open. */
        NOTHING,
        /** A reader or editor key. */
        READER,
        /** An editor key. */
        EDITOR
    }

    /** The outcome of a check. */
    public enum Outcome {
        /** Let through. */
        ALLOWED,
        /** No key, or an unknown one: 401. */
        UNAUTHENTICATED,
        /** A reader key on a write endpoint: 403. */
        FORBIDDEN
    }

    private final List<byte[]> editors;
    private final List<byte[]> readers;
    private final boolean protectReads;

    /**
     * @param editorKeys   keys of role editor
     * @param readerKeys   keys of role reader
     * @param protectReads whether reads need a key too
     */
    public ApiKeys(List<String> editorKeys, List<String> readerKeys, boolean protectReads) {
        this.editors = bytes(editorKeys);
        this.readers = bytes(readerKeys);
        this.protectReads = protectReads;
        if (protectReads && editors.isEmpty() && readers.isEmpty()) {
            throw new IllegalArgumentException("demo.security.protect-reads=true needs demo.security.reader-keys or"
                    + " demo.security.editor-keys: without keys nobody could read");
        }
    }

    /** The keys of {@code demo.security.*}. */
    public static ApiKeys of(DemoConfig.Security config) {
        return new ApiKeys(config.editorKeys().orElse(List.of()), config.readerKeys().orElse(List.of()),
                config.protectReads());
    }

    /** Whether any key is configured (otherwise the API is open). */
    public boolean configured() {
        return !editors.isEmpty() || !readers.isEmpty();
    }

    /**
     * @param write whether the endpoint changes stored data (upload, delete, re-index, retry, delete a conversation)
     * @return what such a request needs
     */
    public Need need(boolean write) {
        if (!configured()) {
            return Need.NOTHING;
        }
        if (write) {
            return Need.EDITOR;
        }
        return protectReads ? Need.READER : Need.NOTHING;
    }

    /**
     * @param need what the endpoint needs
     * @param key  the key the request carries, if any
     * @return whether it may pass
     */
    public Outcome check(Need need, Optional<String> key) {
        if (need == Need.NOTHING) {
            return Outcome.ALLOWED;
        }
        if (key.isEmpty()) {
            return Outcome.UNAUTHENTICATED;
        }
        byte[] given = key.get().getBytes(StandardCharsets.UTF_8);
        if (matches(editors, given)) {
            return Outcome.ALLOWED;
        }
        if (matches(readers, given)) {
            return need == Need.READER ? Outcome.ALLOWED : Outcome.FORBIDDEN;
        }
        return Outcome.UNAUTHENTICATED;
    }

    // compares every key in constant time, so timing tells nothing about how much of a key matched
    private static boolean matches(List<byte[]> keys, byte[] given) {
        boolean found = false;
        for (byte[] k : keys) {
            found |= MessageDigest.isEqual(k, given);
        }
        return found;
    }

    private static List<byte[]> bytes(List<String> keys) {
        return keys.stream().map(String::strip).filter(k -> !k.isEmpty())
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
