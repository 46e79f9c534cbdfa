package dev.qwen3vl.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigGroup;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Dynamic batching: requests from all threads are queued and run by one worker thread per model, which waits up to
 * {@link #maxWait()} for company and runs what it collected in forward passes bounded by {@link #maxBatchSize()}
 * and {@link #maxBatchTokens()}.
 */
@ConfigGroup
public interface BatchingConfig {

    /** Most sequences (inputs, or query-document pairs) in one forward pass. */
    @WithDefault("16")
    int maxBatchSize();

    /**
     * Most padded tokens (sequences × longest sequence) in one forward pass; a single longer sequence still runs,
     * alone.
     */
    @WithDefault("4096")
    int maxBatchTokens();

    /** How long the first request of a forward pass waits for others to share it. */
    @WithDefault("5ms")
    Duration maxWait();

    /** Most requests waiting for a forward pass; further ones are rejected. */
    @WithDefault("1024")
    int maxQueue();
}
