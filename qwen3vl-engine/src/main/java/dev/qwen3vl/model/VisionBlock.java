package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.qwen3vl.torch.Kernels;

/**
 * One vision transformer block (pre-norm):
 * {@code x += proj(Attention(RoPE₂D(q), RoPE₂D(k), v))} with [q|k|v] = {@code qkv(norm1(x))}, attention confined
 * to each image / temporal group; then {@code x += linear_fc2(GELU_tanh(linear_fc1(norm2(x))))}.
 */
final class VisionBlock implements AutoCloseable {

    private static final float EPS = 1e-6f;
    // GELU with the tanh approximation written as x·σ(2z), z = √(2/π)(x + 0.044715x³)
    private static final float GELU_C1 = (float) (2.0 * Math.sqrt(2.0 / Math.PI));
    private static final float GELU_C2 = (float) (2.0 * Math.sqrt(2.0 / Math.PI) * 0.044715);

    private final Qwen3VlConfig.VisionConfig c;
    private final NDArray norm1Weight;
    private final NDArray norm1Bias;
    private final NDArray norm2Weight;
    private final NDArray norm2Bias;
    private final Projection qkv; // [3D, D]
    private final Projection proj; // [D, D]
    private final Projection fc1; // [I, D]
    private final Projection fc2; // [D, I]
    private final boolean tanhGelu;

    VisionBlock(Qwen3VlConfig.VisionConfig c, WeightSource ckpt, NDManager m, int index,
            ProjectionFactory projections) {
        this.c = c;
        String p = "model.visual.blocks." + index + ".";
        long d = c.hiddenSize();
        long i = c.intermediateSize();
        norm1Weight = ckpt.load(m, DataType.FLOAT32, p + "norm1.weight", d);
        norm1Bias = ckpt.load(m, DataType.FLOAT32, p + "norm1.bias", d);
        norm2Weight = ckpt.load(m, DataType.FLOAT32, p + "norm2.weight", d);
        norm2Bias = ckpt.load(m, DataType.FLOAT32, p + "norm2.bias", d);
        qkv = projections.single(m, p + "attn.qkv.weight", p + "attn.qkv.bias", 3 * d, d);
        proj = projections.single(m, p + "attn.proj.weight", p + "attn.proj.bias", d, d);
        fc1 = projections.single(m, p + "mlp.linear_fc1.weight", p + "mlp.linear_fc1.bias", i, d);
        fc2 = projections.single(m, p + "mlp.linear_fc2.weight", p + "mlp.linear_fc2.bias", d, i);
        tanhGelu = c.hiddenAct().startsWith("gelu_pytorch_tanh") || c.hiddenAct().equals("gelu_new");
    }

    /**
     * @param x [N, D] patches of all images of the batch (not modified)
     * @param ctx rotary tables and segments
     * @return [N, D]
     */
    NDArray forward(NDArray x, VisionContext ctx) {
        long n = x.getShape().get(0);
        long d = c.hiddenSize();
        int heads = c.numHeads();
        long hd = c.headDim();
        NDArray attended;
        try (NDArray normed = Norms.layer(x, norm1Weight, norm1Bias, EPS);
                NDArray fused = qkv.apply(normed); // [N, 3D] = [q | k | v]
                NDList parts = fused.split(new long[] {d, 2 * d}, 1);
                NDArray q0 = parts.get(0).reshape(n, heads, hd);
                NDArray k0 = parts.get(1).reshape(n, heads, hd);
                NDArray v = parts.get(2).reshape(n, heads, hd);
                NDArray q = Rotary.apply(q0, ctx.cos(), ctx.sinSigned()).muli((float) (1.0 / Math.sqrt(hd)));
                NDArray k = Rotary.apply(k0, ctx.cos(), ctx.sinSigned());
                NDArray o = segmentAttention(q, k, v, ctx)) {
            attended = proj.apply(o).addi(x);
        }
        try (NDArray normed = Norms.layer(attended, norm2Weight, norm2Bias, EPS)) {
            return RowBlocks.map(normed, DecoderLayer.MLP_ROWS, this::mlp).addi(attended);
        } finally {
            attended.close();
        }
    }

    /** linear_fc2(gelu(linear_fc1(x))): [rows, D] → [rows, D]. */
    private NDArray mlp(NDArray normed) {
        try (NDArray h = fc1.apply(normed); // [rows, I]
                NDArray act = tanhGelu ? geluTanh(h) : Activation.gelu(h)) {
            return fc2.apply(act);
        }
    }

    // runs of equally long segments are batched; each segment only attends to itself
    private static NDArray segmentAttention(NDArray q, NDArray k, NDArray v, VisionContext ctx) {
        NDList outs = new NDList();
        for (VisionContext.SegmentRun run : ctx.runs()) {
            NDIndex rows = new NDIndex("{}:{}", run.offset(), run.offset() + run.count() * run.length());
            long[] shape = {run.count(), run.length(), q.getShape().get(1), q.getShape().get(2)};
            try (NDArray qRows = q.get(rows);
                    NDArray kRows = k.get(rows);
                    NDArray vRows = v.get(rows);
                    NDArray qs = qRows.reshape(shape);
                    NDArray ks = kRows.reshape(shape);
                    NDArray vs = vRows.reshape(shape)) {
                outs.add(Kernels.fullAttention(qs, ks, vs)); // [count·length, D]
            }
        }
        NDArray out = outs.size() == 1 ? outs.get(0) : NDArrays.concat(outs, 0);
        if (outs.size() > 1) {
            outs.close();
        }
        return out;
    }

    private static NDArray geluTanh(NDArray x) {
        try (NDArray z = x.square().muli(GELU_C2).addi(GELU_C1).muli(x)) {
            return Activation.sigmoid(z).muli(x);
        }
    }

    @Override
    public void close() {
        norm1Weight.close();
        norm1Bias.close();
        norm2Weight.close();
        norm2Bias.close();
        qkv.close();
        proj.close();
        fc1.close();
        fc2.close();
    }
}
