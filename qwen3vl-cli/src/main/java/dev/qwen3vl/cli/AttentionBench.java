package dev.qwen3vl.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.qwen3vl.torch.Kernels;
import dev.qwen3vl.util.NativeLibraries;
import java.io.PrintWriter;

/**
 * {@code bench --attention}: causal attention over one sequence of 16 heads × 128, fused
 * ({@code scaled_dot_product_attention}, what the engine runs) against the explicit DJL formulation
 * (scores = q·kᵀ, + causal mask, softmax, · v, what the engine ran before), float32, same inputs.
 */
final class AttentionBench {

    private static final int HEADS = 16;
    private static final int HEAD_DIM = 128;

    private AttentionBench() {}

    static void run(PrintWriter out, int repeats) {
        out.println();
        out.println("attention, causal, 16 heads x 128, float32 (median ms)");
        out.println("tokens |  fused SDPA | explicit matmul+mask+softmax | speedup | max |diff|");
        try (NDManager m = NativeLibraries.torch().newBaseManager()) {
            for (int seq : new int[] {256, 1024, 2048}) {
                try (NDManager fm = m.newSubManager()) {
                    NDArray q = fm.randomNormal(new Shape(1, seq, HEADS, HEAD_DIM)).muli(1 / Math.sqrt(HEAD_DIM));
                    NDArray k = fm.randomNormal(new Shape(1, seq, HEADS, HEAD_DIM));
                    NDArray v = fm.randomNormal(new Shape(1, seq, HEADS, HEAD_DIM));
                    NDArray mask = causalMask(fm, seq);
                    double fused = BenchCommand.medianSeconds(() -> Kernels.causalAttention(q, k, v).close(), repeats);
                    double explicit = BenchCommand.medianSeconds(() -> explicit(q, k, v, mask).close(), repeats);
                    float diff;
                    try (NDArray a = Kernels.causalAttention(q, k, v); NDArray b = explicit(q, k, v, mask);
                            NDArray d = a.sub(b).abs().max()) {
                        diff = d.getFloat();
                    }
                    out.printf("%6d | %11.1f | %28.1f | %6.2fx | %.2g%n", seq, fused * 1e3, explicit * 1e3,
                            explicit / fused, diff);
                }
            }
        }
    }

    // [1, S, H, D] → [S, H·D] by softmax(q kᵀ + mask) v per head
    private static NDArray explicit(NDArray q, NDArray k, NDArray v, NDArray mask) {
        long seq = q.getShape().get(1);
        try (NDArray qh = q.transpose(0, 2, 1, 3); // [1, H, S, D]
                NDArray kt = k.transpose(0, 2, 3, 1); // [1, H, D, S]
                NDArray vh = v.transpose(0, 2, 1, 3);
                NDArray scores = qh.matMul(kt).addi(mask); // [1, H, S, S]
                NDArray probs = scores.softmax(-1);
                NDArray o = probs.matMul(vh); // [1, H, S, D]
                NDArray bySeq = o.transpose(0, 2, 1, 3)) {
            return bySeq.reshape(seq, (long) HEADS * HEAD_DIM);
        }
    }

    private static NDArray causalMask(NDManager m, int n) {
        float[] mask = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                mask[i * n + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return m.create(mask, new Shape(n, n)).toType(DataType.FLOAT32, false);
    }
}
