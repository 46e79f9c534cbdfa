package dev.qwen3vl.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 keys of content (bytes, files, float arrays, strings), for caches keyed by what an input holds rather
 * than by where it came from. Every field is length-prefixed, so different sequences of fields never collide by
 * concatenation.
 */
public final class ContentKeys {

    private ContentKeys() {}

    /** A new key under construction, starting with {@code kind} (e.g. "image"). */
    public static Hasher hasher(String kind) {
        return new Hasher().add(kind);
    }

    /** The SHA-256 of {@code data}, in hex. */
    public static String sha256(byte[] data) {
        return hasher("bytes").add(data).hex();
    }

    /** Accumulates fields into one SHA-256. Not thread-safe. */
    public static final class Hasher {

        private final MessageDigest digest;
        private final ByteBuffer scratch = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private Hasher() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("The JVM offers no SHA-256", e);
            }
        }

        /** Adds a number. */
        public Hasher add(long value) {
            scratch.clear();
            scratch.putLong(value);
            digest.update(scratch.array(), 0, Long.BYTES);
            return this;
        }

        /** Adds a string (UTF-8). */
        public Hasher add(String value) {
            return add(value.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds bytes. */
        public Hasher add(byte[] value) {
            add(value.length);
            digest.update(value);
            return this;
        }

        /** Adds floats by their bit patterns (little-endian). */
        public Hasher add(float[] values) {
            add(values.length);
            int perChunk = scratch.capacity() / Float.BYTES;
            for (int at = 0; at < values.length; at += perChunk) {
                int n = Math.min(perChunk, values.length - at);
                scratch.clear();
                scratch.asFloatBuffer().put(values, at, n);
                digest.update(scratch.array(), 0, n * Float.BYTES);
            }
            return this;
        }

        /**
         * Adds a file's content.
         *
         * @throws UncheckedIOException if the file cannot be read
         */
        public Hasher addFile(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                add(Files.size(file));
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file + " to key its content", e);
            }
        }

        /** The key, in hex; the hasher is used up. */
        public String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
