package dev.qwen3vl.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs model loading, at most every few seconds, with the step reached and the time taken. */
final class LoadProgress {

    private static final Logger LOG = LoggerFactory.getLogger(LoadProgress.class);
    private static final long INTERVAL_NANOS = 3_000_000_000L;

    private final String model;
    private final long start = System.nanoTime();
    private long lastLog = start;

    LoadProgress(String model) {
        this.model = model;
    }

    void step(String what) {
        long now = System.nanoTime();
        if (now - lastLog >= INTERVAL_NANOS) {
            lastLog = now;
            LOG.info("Loading {}: {} ({} s)", model, what, String.format("%.1f", (now - start) / 1e9));
        }
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
