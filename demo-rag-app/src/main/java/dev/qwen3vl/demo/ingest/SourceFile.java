package dev.qwen3vl.demo.ingest;

import java.nio.file.Path;

/**
 * A file to ingest.
 *
 * @param path   where its content is
 * @param name   the name shown as its source
 * @param sha256 the hex SHA-256 of its content, which identifies the document
 * @param kind   its kind
 * @param size   its size in bytes
 */
public record SourceFile(Path path, String name, String sha256, FileKind kind, long size) {
}
