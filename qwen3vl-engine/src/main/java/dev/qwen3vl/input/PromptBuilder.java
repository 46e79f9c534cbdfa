package dev.qwen3vl.input;

import java.util.ArrayList;
import java.util.List;

/**
 * The chat prompts of Qwen3-VL-Embedding and Qwen3-VL-Reranker, exactly as the reference renders them with
 * {@code add_generation_prompt=True} in {@code Qwen3VLEmbedder} and {@code Qwen3VLReranker}: parts are concatenated without separators, the user
 * turn lists all videos, then all images, then all texts, and an empty input becomes the text {@code NULL}.
 */
public final class PromptBuilder {

    /** Instruction of the embedding model when none is given. */
    public static final String DEFAULT_EMBEDDING_INSTRUCTION = "Represent the user's input.";
    /** Instruction of the reranker when none is given. */
    public static final String DEFAULT_RERANKER_INSTRUCTION =
            "Given a search query, retrieve relevant candidates that answer the query.";
    /** System message of the reranker. */
    public static final String RERANKER_SYSTEM = "Judge whether the Document meets the requirements based on the Query "
            + "and the Instruct provided. Note that the answer can only be \"yes\" or \"no\".";

    private static final String NULL = "NULL";

    private PromptBuilder() {}

    /**
     * The embedding instruction as the reference normalises it: trimmed; {@code "."} appended unless it ends in
     * punctuation (Unicode category P*); the default when absent or blank.
     */
    public static String normaliseInstruction(String instruction) {
        if (instruction == null) {
            return DEFAULT_EMBEDDING_INSTRUCTION;
        }
        String s = pythonStrip(instruction);
        if (s.isEmpty()) {
            return DEFAULT_EMBEDDING_INSTRUCTION;
        }
        int last = s.codePointBefore(s.length());
        return isPunctuation(last) ? s : s + ".";
    }

    /** Embedding prompt: system = normalised instruction, user = videos, images, texts (or NULL). */
    public static List<PromptPart> embedding(String instruction, int videos, int images, List<String> texts) {
        List<PromptPart> parts = new ArrayList<>();
        parts.add(new PromptPart.Text(
                "<|im_start|>system\n" + normaliseInstruction(instruction) + "<|im_end|>\n<|im_start|>user\n"));
        addContent(parts, videos, images, texts);
        parts.add(new PromptPart.Text("<|im_end|>\n<|im_start|>assistant\n"));
        return merge(parts);
    }

    /**
     * Reranker prompt: {@code <Instruct>: instruction<Query>:…\n<Document>:…} in the user turn under the fixed system
     * message. The instruction is not normalised; null or blank means the default.
     */
    public static List<PromptPart> reranker(String instruction, int queryVideos, int queryImages,
            List<String> queryTexts, int docVideos, int docImages, List<String> docTexts) {
        String instruct = instruction == null || instruction.isBlank() ? DEFAULT_RERANKER_INSTRUCTION : instruction;
        List<PromptPart> parts = new ArrayList<>();
        parts.add(new PromptPart.Text("<|im_start|>system\n" + RERANKER_SYSTEM + "<|im_end|>\n<|im_start|>user\n"
                + "<Instruct>: " + instruct + "<Query>:"));
        addContent(parts, queryVideos, queryImages, queryTexts);
        parts.add(new PromptPart.Text("\n<Document>:"));
        addContent(parts, docVideos, docImages, docTexts);
        parts.add(new PromptPart.Text("<|im_end|>\n<|im_start|>assistant\n"));
        return merge(parts);
    }

    /** The prompt as text, placeholders unexpanded (as the reference prints it). */
    public static String render(List<PromptPart> parts) {
        StringBuilder sb = new StringBuilder();
        for (PromptPart p : parts) {
            if (p instanceof PromptPart.Text t) {
                sb.append(t.text());
            } else if (p instanceof PromptPart.Image) {
                sb.append("<|vision_start|><|image_pad|><|vision_end|>");
            } else {
                sb.append("<|vision_start|><|video_pad|><|vision_end|>");
            }
        }
        return sb.toString();
    }

    private static void addContent(List<PromptPart> parts, int videos, int images, List<String> texts) {
        if (videos == 0 && images == 0 && texts.isEmpty()) {
            parts.add(new PromptPart.Text(NULL));
            return;
        }
        for (int i = 0; i < videos; i++) {
            parts.add(new PromptPart.Video());
        }
        for (int i = 0; i < images; i++) {
            parts.add(new PromptPart.Image());
        }
        for (String t : texts) {
            parts.add(new PromptPart.Text(t));
        }
    }

    // joins adjacent text parts
    private static List<PromptPart> merge(List<PromptPart> parts) {
        List<PromptPart> out = new ArrayList<>();
        for (PromptPart p : parts) {
            if (p instanceof PromptPart.Text t && !out.isEmpty() && out.get(out.size() - 1) instanceof PromptPart.Text prev) {
                out.set(out.size() - 1, new PromptPart.Text(prev.text() + t.text()));
            } else {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    // Python's str.strip(): also removes no-break and other Unicode spaces
    static String pythonStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPythonSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    private static boolean isPunctuation(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }
}
