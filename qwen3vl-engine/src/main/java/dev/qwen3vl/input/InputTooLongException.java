package dev.qwen3vl.input;

/** An input whose token count exceeds the model's maximum length while truncation is off. */
public final class InputTooLongException extends IllegalArgumentException {

    private final int tokens;
    private final int limit;

    /**
     * @param what which input ("embedding input", "reranker pair")
     * @param tokens its token count
     * @param limit the maximum length
     */
    public InputTooLongException(String what, int tokens, int limit) {
        super("The " + what + " has " + tokens + " tokens, more than the maximum length of " + limit
                + "; shorten it, lower the image/video resolution, or enable truncation");
        this.tokens = tokens;
        this.limit = limit;
    }

    /** The input's token count. */
    public int tokens() {
        return tokens;
    }

    /** The limit it exceeded. */
    public int limit() {
        return limit;
    }
}
