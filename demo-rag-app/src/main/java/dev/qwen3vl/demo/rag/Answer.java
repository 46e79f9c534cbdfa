package dev.qwen3vl.demo.rag;

/**
 * An answer and how it was made.
 *
 * @param text       the answer, with numbered citations of the passages
 * @param mode       {@link #GENERATIVE} or {@link #EXTRACTIVE}
 * @param generateMs time spent in the chat model, 0 for extractive answers
 * @param images     how many images (pages, pictures, video frames) the chat model was shown
 */
public record Answer(String text, String mode, double generateMs, int images) {

    /** Written by the chat model from the passages. */
    public static final String GENERATIVE = "generative";
    /** The best passages themselves, without a chat model. */
    public static final String EXTRACTIVE = "extractive";
}
