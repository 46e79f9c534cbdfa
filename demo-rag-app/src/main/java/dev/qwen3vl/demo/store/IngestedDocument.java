package dev.qwen3vl.demo.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * @param path       the file it was ingested from (for a re-index), or null if not known; not shown by the API
 */
public record IngestedDocument(String sha256, String source, String kind, long bytes, int chunks,
                               Instant ingestedAt, @JsonIgnore String path) {
}
