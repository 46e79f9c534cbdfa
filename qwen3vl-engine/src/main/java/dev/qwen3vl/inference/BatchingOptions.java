package dev.qwen3vl.inference;

import java.time.Duration;

/**
 * How concurrent requests share forward passes.
 *
 * @param maxBatchSize most sequences in one forward pass
 * @param maxBatchTokens most padded tokens (sequences × longest length) in one forward pass; a longer single
 *     sequence still runs, alone
 * @param maxWait how long the first request of a batch waits for company
 * @param maxQueue most requests waiting; further ones are rejected with {@link QueueFullException}
 */
public record BatchingOptions(int maxBatchSize, int maxBatchTokens, Duration maxWait, int maxQueue) {

    /** Validates the values. */
    public BatchingOptions {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        if (maxBatchTokens < 1) {
            throw new IllegalArgumentException("maxBatchTokens must be at least 1, got " + maxBatchTokens);
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be zero or positive, got " + maxWait);
        }
        if (maxQueue < 1) {
            throw new IllegalArgumentException("maxQueue must be at least 1, got " + maxQueue);
        }
    }

    /** 16 sequences, 4,096 tokens, 5 ms, 1,024 waiting. */
    public static BatchingOptions defaults() {
        return new BatchingOptions(16, 4096, Duration.ofMillis(5), 1024);
    }
}
