package dev.qwen3vl.input.image;

/**
 * An image input that cannot be used: unreadable, of an unsupported format, truncated, or outside one of the
 * {@link ImageLimits}. The message names the input ({@link ImageSource#description()}), what was wrong and,
 * where a limit was crossed, the limit and the setting that controls it.
 */
public class InvalidImageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String input;

    /**
     * @param input the description of the input ({@link ImageSource#description()})
     * @param problem what is wrong with it
     */
    public InvalidImageException(String input, String problem) {
        super(message(input, problem));
        this.input = input;
    }

    /**
     * @param input the description of the input ({@link ImageSource#description()})
     * @param problem what is wrong with it
     * @param cause the underlying failure
     */
    public InvalidImageException(String input, String problem, Throwable cause) {
        super(message(input, problem), cause);
        this.input = input;
    }

    /** The description of the rejected input. */
    public String input() {
        return input;
    }

    private static String message(String input, String problem) {
        return "Invalid image " + input + ": " + problem;
    }
}
