package dev.qwen3vl.hub;

/**
 * A model reference that cannot be turned into a complete local model folder without a download that is not
 * possible: a missing or incomplete folder, no cached copy while downloads are off, offline or not configured, or
 * a model the hub does not have. The message names the path or model and what was expected.
 */
public class ModelNotFoundException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public ModelNotFoundException(String message) {
        super(message);
    }
}
