package dev.qwen3vl.input;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns a prompt and its visual inputs into token ids and position ids the way the reference processor does:
 * each image placeholder becomes {@code <|vision_start|>} + one {@code <|image_pad|>} per merged token +
 * {@code <|vision_end|>}; each video placeholder becomes, per temporal group, {@code <t seconds>} followed by
 * such a run of {@code <|video_pad|>}; the whole string is then tokenised at once. Thread-safe.
 */
public final class SequenceEncoder {

    /** Tokens the reranker keeps untouched at the end while truncating: {@code <|im_end|>\n<|im_start|>assistant\n}. */
    static final int RERANKER_TAIL = 5;

    private static final String VISION_START = "<|vision_start|>";
    private static final String VISION_END = "<|vision_end|>";
    private static final String IMAGE_PAD = "<|image_pad|>";
    private static final String VIDEO_PAD = "<|video_pad|>";

    private final Qwen3Tokenizer tokenizer;
    private final long imagePad;
    private final long videoPad;
    private final long endOfText;
    private final int merge;

    /**
     * @param tokenizer the model's tokenizer
     * @param merge spatial merge size of the vision tower (2)
     */
    public SequenceEncoder(Qwen3Tokenizer tokenizer, int merge) {
        this.tokenizer = tokenizer;
        this.imagePad = tokenizer.tokenId(IMAGE_PAD);
        this.videoPad = tokenizer.tokenId(VIDEO_PAD);
        this.endOfText = tokenizer.tokenId("<|endoftext|>");
        this.merge = merge;
    }

    /** The prompt with every placeholder expanded for its visual input (the reference's text before tokenising). */
    public String expand(List<PromptPart> parts, List<Visual> visuals) {
        StringBuilder sb = new StringBuilder();
        Iterator<Visual> next = visuals.iterator();
        for (PromptPart p : parts) {
            if (p instanceof PromptPart.Text t) {
                sb.append(t.text());
                continue;
            }
            boolean video = p instanceof PromptPart.Video;
            if (!next.hasNext()) {
                throw new IllegalArgumentException("The prompt has more image/video placeholders than inputs");
            }
            Visual v = next.next();
            if (v.video() != video) {
                throw new IllegalArgumentException("A " + (video ? "video" : "image") + " placeholder got "
                        + (v.video() ? "a video" : "an image"));
            }
            int tokens = v.patches().tokensPerGroup(merge);
            if (video) {
                for (int g = 0; g < v.patches().gridT(); g++) {
                    sb.append('<').append(v.timestamps().get(g)).append(" seconds>");
                    appendRun(sb, VIDEO_PAD, tokens);
                }
            } else {
                appendRun(sb, IMAGE_PAD, v.patches().mergedTokenCount(merge));
            }
        }
        if (next.hasNext()) {
            throw new IllegalArgumentException("More images/videos than placeholders in the prompt");
        }
        return sb.toString();
    }

    /**
     * An embedding input: ends with {@code <|endoftext|>} (appended when the tokenizer does not add it), whose last
     * hidden state is the embedding. Longer than {@code maxLength}: an error, or with {@code truncate} the first
     * {@code maxLength − 1} tokens plus {@code <|endoftext|>} (as the reference tokenizer truncates).
     */
    public EncodedSequence embedding(List<PromptPart> parts, List<Visual> visuals, int maxLength, boolean truncate) {
        long[] ids = tokenize(parts, visuals);
        if (ids[ids.length - 1] != endOfText) {
            ids = Arrays.copyOf(ids, ids.length + 1);
            ids[ids.length - 1] = endOfText;
        }
        if (ids.length > maxLength) {
            if (!truncate) {
                throw new InputTooLongException("embedding input", ids.length, maxLength);
            }
            long[] cut = Arrays.copyOf(ids, maxLength);
            cut[maxLength - 1] = endOfText;
            if (countPads(cut) != countPads(ids)) {
                throw new InputTooLongException("embedding input (truncation would cut an image or video)",
                        ids.length, maxLength);
            }
            ids = cut;
        }
        return new EncodedSequence(ids, positions(ids, visuals), visuals);
    }

    /**
     * A reranker pair: scored at its last token. If the part before the last 5 tokens is longer than
     * {@code maxLength}: an error, or with {@code truncate} the rule of {@code Qwen3VLReranker} — keep every special
     * token and the first {@code maxLength − specials} other tokens of that part, then the 5 tail tokens.
     */
    public EncodedSequence reranker(List<PromptPart> parts, List<Visual> visuals, int maxLength, boolean truncate) {
        long[] ids = tokenize(parts, visuals);
        int bodyLength = ids.length - RERANKER_TAIL;
        if (bodyLength > maxLength) {
            if (!truncate) {
                throw new InputTooLongException("reranker pair", bodyLength, maxLength);
            }
            ids = truncateKeepingSpecials(ids, maxLength, tokenizer.specialIds());
        }
        return new EncodedSequence(ids, positions(ids, visuals), visuals);
    }

    static long[] truncateKeepingSpecials(long[] ids, int maxLength, Set<Long> specials) {
        int bodyLength = ids.length - RERANKER_TAIL;
        int specialCount = 0;
        for (int i = 0; i < bodyLength; i++) {
            if (specials.contains(ids[i])) {
                specialCount++;
            }
        }
        int budget = Math.max(0, maxLength - specialCount);
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < bodyLength; i++) {
            if (specials.contains(ids[i])) {
                kept.add(ids[i]);
            } else if (budget > 0) {
                kept.add(ids[i]);
                budget--;
            }
        }
        long[] out = new long[kept.size() + RERANKER_TAIL];
        for (int i = 0; i < kept.size(); i++) {
            out[i] = kept.get(i);
        }
        System.arraycopy(ids, bodyLength, out, kept.size(), RERANKER_TAIL);
        return out;
    }

    private long[] tokenize(List<PromptPart> parts, List<Visual> visuals) {
        long[] body = tokenizer.encode(expand(parts, visuals));
        long[] prefix = tokenizer.prefix();
        long[] suffix = tokenizer.suffix();
        long[] ids = new long[prefix.length + body.length + suffix.length];
        System.arraycopy(prefix, 0, ids, 0, prefix.length);
        System.arraycopy(body, 0, ids, prefix.length, body.length);
        System.arraycopy(suffix, 0, ids, prefix.length + body.length, suffix.length);
        long expected = 0;
        for (Visual v : visuals) {
            expected += v.patches().mergedTokenCount(merge);
        }
        if (countPads(ids) != expected) {
            throw new IllegalArgumentException("The text contains " + IMAGE_PAD + " or " + VIDEO_PAD
                    + ", which are reserved for images and videos; remove them from the input");
        }
        return ids;
    }

    private long[][] positions(long[] ids, List<Visual> visuals) {
        return PositionIds.compute(ids, visuals, imagePad, videoPad, merge);
    }

    private long countPads(long[] ids) {
        long n = 0;
        for (long id : ids) {
            if (id == imagePad || id == videoPad) {
                n++;
            }
        }
        return n;
    }

    private static void appendRun(StringBuilder sb, String pad, int count) {
        sb.append(VISION_START);
        for (int i = 0; i < count; i++) {
            sb.append(pad);
        }
        sb.append(VISION_END);
    }
}
