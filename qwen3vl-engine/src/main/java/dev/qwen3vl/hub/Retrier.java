package dev.qwen3vl.hub;

import java.io.IOException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a network step again after an I/O failure: at once when the failed try made progress (its partial file
 * grew), otherwise after a pause of 1, 2, 4, 8, then 10 seconds, giving up after {@code maxRetries} tries in a row
 * without progress. Other exceptions and interruption end it at once.
 */
final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
    private static final long MAX_PAUSE_MILLIS = 10_000;

    /** One try of a step. */
    @FunctionalInterface
    interface Step<T> {
        /** Runs the step. */
        T run() throws IOException, InterruptedException;
    }

    private final int maxRetries;

    Retrier(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /**
     * Runs {@code step} until it succeeds.
     *
     * @param what     what the step does, for messages
     * @param progress how far the step has come (e.g. the size of its partial file), compared before and after a try
     * @throws ModelDownloadException after too many failed tries without progress
     */
    <T> T call(String what, Step<T> step, LongSupplier progress) throws InterruptedException {
        int failuresInARow = 0;
        while (true) {
            long before = progress.getAsLong();
            try {
                return step.run();
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("Interrupted while " + what);
                }
                boolean progressed = progress.getAsLong() > before;
                failuresInARow = progressed ? 0 : failuresInARow + 1;
                if (failuresInARow > maxRetries) {
                    throw new ModelDownloadException(what + " failed " + failuresInARow + " times in a row, giving up: "
                            + e.getMessage(), e);
                }
                long pause = progressed ? 0 : Math.min(MAX_PAUSE_MILLIS, 1000L << (failuresInARow - 1));
                LOG.warn("{} failed ({}); trying again{}", what, e.toString(),
                        pause == 0 ? " from where it stopped" : " in " + pause / 1000 + " s");
                Thread.sleep(pause);
            }
        }
    }
}
