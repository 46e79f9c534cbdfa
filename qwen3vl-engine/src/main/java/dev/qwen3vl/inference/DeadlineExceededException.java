package dev.qwen3vl.inference;

/** A request's deadline passed before its forward pass started; it was not run. */
public final class DeadlineExceededException extends IllegalStateException {

    /** @param message what expired */
    public DeadlineExceededException(String message) {
        super(message);
    }
}
