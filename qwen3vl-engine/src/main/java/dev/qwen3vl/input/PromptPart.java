package dev.qwen3vl.input;

/** One piece of a chat prompt before image/video expansion: literal text or a visual placeholder. */
public sealed interface PromptPart {

    /** Literal text, rendered as is (special tokens inside it are matched by the tokenizer). */
    record Text(String text) implements PromptPart {}

    /** {@code <|vision_start|><|image_pad|><|vision_end|>}, expanded to one pad per merged image token. */
    record Image() implements PromptPart {}

    /** {@code <|vision_start|><|video_pad|><|vision_end|>}, expanded per temporal group with its timestamp. */
    record Video() implements PromptPart {}
}
