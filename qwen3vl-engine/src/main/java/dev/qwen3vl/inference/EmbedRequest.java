package dev.qwen3vl.inference;

import java.util.Objects;

/**
 * One input to embed.
 *
 * @param content texts, images and videos fused into one vector
 * @param instruction the task instruction (null: "Represent the user's input.")
 * @param dimension Matryoshka dimension (null: the model's hidden size)
 */
public record EmbedRequest(MultimodalContent content, String instruction, Integer dimension) {

    /** Checks that there is content. */
    public EmbedRequest {
        Objects.requireNonNull(content, "content");
    }

    /** Content with the default instruction and full dimension. */
    public static EmbedRequest of(MultimodalContent content) {
        return new EmbedRequest(content, null, null);
    }
}
