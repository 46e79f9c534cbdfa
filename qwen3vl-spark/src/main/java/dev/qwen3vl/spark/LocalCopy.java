package dev.qwen3vl.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A source file on the executor's local disk with the SHA-256 of its content. A local file ({@code file:} URI) is read
 * in place; any other file system's file (HDFS, {@code s3a:}, ...) is streamed into a temporary file, hashed on the
 * way. Nothing is held in memory, so videos of any size pass; {@link #close()} deletes the temporary file.
 */
final class LocalCopy implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final boolean temporary;
    private final String sha256;
    private final long bytes;
    private final byte[] head;

    private LocalCopy(Path path, boolean temporary, String sha256, long bytes, byte[] head) {
        this.path = path;
        this.temporary = temporary;
        this.sha256 = sha256;
        this.bytes = bytes;
        this.head = head;
    }

    /**
     * Makes a file available locally and hashes it.
     *
     * @param uri      the file's URI as listed
     * @param maxBytes the largest size accepted
     * @param hadoop   the Hadoop configuration to open it with
     * @return the local copy
     * @throws IllegalArgumentException if the file is larger than {@code maxBytes}
     * @throws UncheckedIOException     if it cannot be read
     */
    static LocalCopy fetch(String uri, long maxBytes, Configuration hadoop) {
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
        URI location = remote.toUri();
        try {
            if ("file".equals(location.getScheme())) {
                Path local = Path.of(location);
                return read(Files.newInputStream(local), local, false, uri, maxBytes);
            }
            FileSystem fs = remote.getFileSystem(hadoop);
            Path local = Files.createTempFile("qwen3vl-spark-", "-" + remote.getName());
            try {
                return read(fs.open(remote), local, true, uri, maxBytes);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(local);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    private static LocalCopy read(InputStream source, Path local, boolean copy, String uri, long maxBytes)
            throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        byte[] head = new byte[0];
        long total = 0;
        try (InputStream in = new DigestInputStream(source, digest);
             OutputStream out = copy ? Files.newOutputStream(local) : OutputStream.nullOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (head.length < SourceKind.HEAD_BYTES) {
                    int keep = Math.min(SourceKind.HEAD_BYTES - head.length, n);
                    head = Arrays.copyOf(head, head.length + keep);
                    System.arraycopy(buffer, 0, head, head.length - keep, keep);
                }
                total += n;
                if (total > maxBytes) {
                    throw new IllegalArgumentException(uri + " is larger than --max-file-bytes " + maxBytes
                            + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return new LocalCopy(local, copy, hex(digest.digest()), total, head);
    }

    /**
     * @param text a text
     * @return the hex SHA-256 of its UTF-8 bytes
     */
    static String sha256(String text) {
        return hex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }

    /** @return the local file */
    Path path() {
        return path;
    }

    /** @return whether the file was copied from another file system (and so is not the source file itself) */
    boolean isCopy() {
        return temporary;
    }

    /** @return the hex SHA-256 of the content */
    String sha256() {
        return sha256;
    }

    /** @return the size in bytes */
    long bytes() {
        return bytes;
    }

    /** @return the first bytes of the content, at most {@link SourceKind#HEAD_BYTES} */
    byte[] head() {
        return head.clone();
    }

    /** Deletes the temporary copy, if any. */
    @Override
    public void close() {
        if (temporary) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the temporary copy " + path, e);
            }
        }
    }
}
