package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Interleaved multimodal rotary position embedding of the Qwen3-VL text decoder (transformers'
 * {@code Qwen3VLTextRotaryEmbedding} with {@code apply_interleaved_mrope}).
 *
 * <p>Every token has three position rows (t, h, w). Frequency slot j of the {@code head_dim / 2} slots takes
 * the h row if {@code j % 3 == 1 && j < 3·section[1]}, the w row if {@code j % 3 == 2 && j < 3·section[2]}, else
 * the t row; angle = position · inv_freq[j] in float32, duplicated to {@code head_dim} (rotate-half convention).
 */
final class MultimodalRope {

    private static final int T = 0;
    private static final int H = 1;
    private static final int W = 2;

    private final int headDim;
    private final float[] invFreq; // [head_dim / 2]
    private final int[] row; // which position row each slot reads

    MultimodalRope(int headDim, double theta, int[] mropeSection) {
        this.headDim = headDim;
        int half = headDim / 2;
        this.invFreq = inverseFrequencies(headDim, theta);
        this.row = new int[half];
        for (int j = 0; j < half; j++) {
            if (j % 3 == 1 && j < 3 * mropeSection[1]) {
                row[j] = H;
            } else if (j % 3 == 2 && j < 3 * mropeSection[2]) {
                row[j] = W;
            } else {
                row[j] = T;
            }
        }
    }

    /** {@code 1 / theta^(2i / dim)} for i < dim / 2, computed in float32 as PyTorch does. */
    static float[] inverseFrequencies(int dim, double theta) {
        float[] inv = new float[dim / 2];
        for (int i = 0; i < inv.length; i++) {
            float exponent = (float) (2 * i) / (float) dim;
            inv[i] = 1.0f / (float) Math.pow((float) theta, exponent);
        }
        return inv;
    }

    /**
     * cos and "signed sin" tables for a right-padded batch, ready to broadcast over heads.
     *
     * @param positions per sequence, the 3 position rows (t, h, w) of its real tokens; padded slots use 1
     * @param seqLen padded length S
     * @return {cos, sinSigned}, each {@code [B, S, 1, head_dim]}; sinSigned is −sin on the first half
     */
    NDArray[] tables(NDManager manager, long[][][] positions, int seqLen) {
        int batch = positions.length;
        int half = headDim / 2;
        Rotary.Tables tables = new Rotary.Tables(batch * seqLen, headDim);
        for (int b = 0; b < batch; b++) {
            long[][] p = positions[b];
            int len = p[0].length;
            for (int s = 0; s < seqLen; s++) {
                for (int j = 0; j < half; j++) {
                    float pos = s < len ? (float) p[row[j]][s] : 1f;
                    tables.set(b * seqLen + s, j, pos * invFreq[j]);
                }
            }
        }
        return tables.create(manager, new Shape(batch, seqLen, 1, headDim), DataType.FLOAT32);
    }
}
