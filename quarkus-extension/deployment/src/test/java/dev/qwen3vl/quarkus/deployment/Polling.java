package dev.qwen3vl.quarkus.deployment;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that becomes true in the background. */
final class Polling {

    private Polling() {}

    /**
     * Polls {@code condition} every 50 ms until it holds.
     *
     * @throws AssertionError if it does not hold within {@code timeout}
     */
    static void until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting", e);
            }
        }
    }
}
