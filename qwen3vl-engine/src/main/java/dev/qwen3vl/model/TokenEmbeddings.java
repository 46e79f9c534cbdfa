package dev.qwen3vl.model;

/**
 * Rows of {@code embed_tokens} (and of an untied {@code lm_head}) read straight from the memory-mapped
 * checkpoint: the table (151,936 × H) is never copied into memory, only the rows a batch uses.
 */
final class TokenEmbeddings {

    static final String EMBED_TOKENS = "model.language_model.embed_tokens.weight";
    static final String LM_HEAD = "lm_head.weight";

    private final WeightSource checkpoint;
    private final int hidden;
    private final long vocab;
    private final String lmHeadKey;

    TokenEmbeddings(WeightSource checkpoint, Qwen3VlConfig config) {
        this.checkpoint = checkpoint;
        this.hidden = config.text().hiddenSize();
        this.vocab = config.text().vocabSize();
        checkpoint.checkShape(EMBED_TOKENS, vocab, hidden);
        // the LM head is embed_tokens when tied or when the checkpoint ships none
        this.lmHeadKey = !config.tieWordEmbeddings() && checkpoint.has(LM_HEAD) ? LM_HEAD : EMBED_TOKENS;
        if (lmHeadKey.equals(LM_HEAD)) {
            checkpoint.checkShape(LM_HEAD, vocab, hidden);
        }
    }

    /** Embeddings of {@code ids} written row after row into {@code out} from {@code offset}. */
    void lookup(long[] ids, float[] out, int offset) {
        for (int i = 0; i < ids.length; i++) {
            long id = ids[i];
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary of " + vocab);
            }
            checkpoint.readRow(EMBED_TOKENS, id, hidden, out, offset + i * hidden);
        }
    }

    /** Row {@code id} of the LM head, as float32. */
    float[] lmHeadRow(long id) {
        float[] row = new float[hidden];
        checkpoint.readRow(lmHeadKey, id, hidden, row, 0);
        return row;
    }

    /** Whether the LM head is a separate {@code lm_head.weight}. */
    boolean untiedHead() {
        return lmHeadKey.equals(LM_HEAD);
    }
}
