package dev.qwen3vl.inference;

/** Sees every forward pass of a {@link BatchScheduler}, e.g. to record metrics. Called on the worker thread. */
@FunctionalInterface
public interface BatchObserver {

    /**
     * @param sequences sequences in the pass
     * @param tokens real (unpadded) tokens
     * @param paddedTokens sequences × longest length
     * @param nanos duration of the pass
     * @param queueDepth requests still waiting after it
     */
    void onForwardPass(int sequences, int tokens, int paddedTokens, long nanos, int queueDepth);
}
