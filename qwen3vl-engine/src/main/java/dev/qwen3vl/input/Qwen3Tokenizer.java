package dev.qwen3vl.input;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The model folder's {@code tokenizer.json} (Qwen2/Qwen3 byte-level BPE) through DJL's Hugging Face tokenizer:
 * no truncation, special tokens such as {@code <|im_start|>} matched as single ids inside any text.
 *
 * <p>{@link #encode(String)} never adds the post-processor's special tokens, so that a prompt can be encoded
 * piece by piece; {@link #prefix()} and {@link #suffix()} are what the post-processor would put around the
 * whole sequence (for Qwen tokenizers usually nothing, or {@code <|endoftext|>} at the end).
 * Thread-safe.
 */
public final class Qwen3Tokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final long[] prefix;
    private final long[] suffix;
    private final Set<Long> specialIds;

    private Qwen3Tokenizer(HuggingFaceTokenizer tokenizer, Set<Long> specialIds) {
        this.tokenizer = tokenizer;
        this.specialIds = Set.copyOf(specialIds);
        long[] plain = tokenizer.encode("a", false, false).getIds();
        long[] withSpecial = tokenizer.encode("a", true, false).getIds();
        int at = indexOf(withSpecial, plain);
        if (at < 0) {
            throw new IllegalStateException("The tokenizer's post-processor rewrites the text itself; unsupported");
        }
        this.prefix = Arrays.copyOfRange(withSpecial, 0, at);
        this.suffix = Arrays.copyOfRange(withSpecial, at + plain.length, withSpecial.length);
    }

    /** Loads {@code tokenizer.json} from a model folder. */
    public static Qwen3Tokenizer load(Path modelDir) {
        Path file = modelDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No tokenizer.json in model folder " + modelDir);
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
            return new Qwen3Tokenizer(t, readSpecialIds(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    /** Token ids of {@code text}, special tokens matched, nothing added. */
    public long[] encode(String text) {
        if (text.isEmpty()) {
            return new long[0];
        }
        Encoding e = tokenizer.encode(text, false, false);
        return e.getIds();
    }

    /** The single id of a token such as {@code <|image_pad|>}; fails if it is not one token. */
    public long tokenId(String token) {
        long[] ids = encode(token);
        if (ids.length != 1) {
            throw new IllegalArgumentException("'" + token + "' is not a single token: " + Arrays.toString(ids));
        }
        return ids[0];
    }

    /** Ids of the added tokens marked special in tokenizer.json (the reference's {@code all_special_ids}). */
    public Set<Long> specialIds() {
        return specialIds;
    }

    /** Ids the tokenizer's post-processor puts before a sequence. */
    public long[] prefix() {
        return prefix.clone();
    }

    /** Ids the tokenizer's post-processor puts after a sequence. */
    public long[] suffix() {
        return suffix.clone();
    }

    /** Text of {@code ids}, special tokens included. */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, false);
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    // streams tokenizer.json for "added_tokens": [{"id": n, "special": true, ...}, ...]
    private static Set<Long> readSpecialIds(Path file) throws IOException {
        Set<Long> ids = new HashSet<>();
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "added_tokens".equals(p.currentName())
                        && p.getParsingContext().getParent().inRoot()) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        long id = -1;
                        boolean special = false;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            if ("id".equals(name)) {
                                id = p.getLongValue();
                            } else if ("special".equals(name)) {
                                special = p.getBooleanValue();
                            } else {
                                p.skipChildren();
                            }
                        }
                        if (special && id >= 0) {
                            ids.add(id);
                        }
                    }
                    return ids;
                }
            }
        }
        return ids;
    }

    private static int indexOf(long[] haystack, long[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
