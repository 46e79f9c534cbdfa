package dev.qwen3vl.demo.store;

import java.time.Instant;

/**
 * A document whose chunks are all stored.
 *
 * @param sha256     hex SHA-256 of its content
 * @param source     its file name
 * @param kind       its kind, lower case
 * @param bytes      its size
 * @param chunks     how many chunks it has in the store
 * @param ingestedAt when it was recorded
 */
public record IngestedDocument(String sha256, String source, String kind, long bytes, int chunks,
                               Instant ingestedAt) {
}
