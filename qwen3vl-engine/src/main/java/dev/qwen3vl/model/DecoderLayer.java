package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.qwen3vl.torch.Kernels;

/**
 * One Qwen3 decoder layer (pre-norm):
 * <pre>
 *   h = x + o_proj(Attention(RoPE(q_norm(q)), RoPE(k_norm(k)), v)),  [q|k|v] = qkv(input_layernorm(x))
 *   y = h + down_proj(silu(gate) ⊙ up),                                [gate|up] = gate_up(post_attention_layernorm(h))
 * </pre>
 * q/k norms are RMSNorms over head_dim applied before RoPE; the softmax scale is folded into q_norm's weight.
 */
final class DecoderLayer implements AutoCloseable {

    // The MLP runs on at most this many tokens at a time: its [tokens, 2F] intermediate is the largest tensor of a
    // forward pass (16 × 512 tokens of the 2B model: 384 MiB), and 2048 rows keep its GEMMs at full speed.
    static final long MLP_ROWS = 2048;

    private final Qwen3VlConfig.TextConfig c;
    private final NDArray inputNorm; // [H]
    private final NDArray postAttentionNorm; // [H]
    private final NDArray qNorm; // [head_dim], × head_dim^-0.5
    private final NDArray kNorm; // [head_dim]
    private final Projection qkv; // [(heads + 2·kvHeads)·head_dim, H]
    private final Projection oProj; // [H, heads·head_dim]
    private final Projection gateUp; // [2F, H]
    private final Projection down; // [H, F]
    private final long[] qkvSplit;
    private final long[] gateUpSplit;

    DecoderLayer(Qwen3VlConfig.TextConfig c, WeightSource ckpt, NDManager m, int index,
            ProjectionFactory projections) {
        this.c = c;
        String p = "model.language_model.layers." + index + ".";
        long h = c.hiddenSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = (long) c.numKvHeads() * c.headDim();
        long f = c.intermediateSize();
        long hd = c.headDim();
        inputNorm = ckpt.load(m, DataType.FLOAT32, p + "input_layernorm.weight", h);
        postAttentionNorm = ckpt.load(m, DataType.FLOAT32, p + "post_attention_layernorm.weight", h);
        try (NDArray rawQNorm = ckpt.load(m, DataType.FLOAT32, p + "self_attn.q_norm.weight", hd)) {
            qNorm = rawQNorm.mul((float) (1.0 / Math.sqrt(hd)));
        }
        kNorm = ckpt.load(m, DataType.FLOAT32, p + "self_attn.k_norm.weight", hd);
        qkv = projections.fused(m, new String[] {p + "self_attn.q_proj.weight", p + "self_attn.k_proj.weight",
                p + "self_attn.v_proj.weight"}, new long[][] {{q, h}, {kv, h}, {kv, h}});
        oProj = projections.single(m, p + "self_attn.o_proj.weight", null, h, q);
        gateUp = projections.fused(m, new String[] {p + "mlp.gate_proj.weight", p + "mlp.up_proj.weight"},
                new long[][] {{f, h}, {f, h}});
        down = projections.single(m, p + "mlp.down_proj.weight", null, h, f);
        qkvSplit = new long[] {q, q + kv};
        gateUpSplit = new long[] {f};
    }

    /**
     * @param x [B·S, H] hidden states (not modified)
     * @param ctx per-forward shapes and rotary tables
     * @return [B·S, H]
     */
    NDArray forward(NDArray x, DecoderContext ctx) {
        float eps = (float) c.rmsNormEps();
        long b = ctx.batch();
        long s = ctx.seqLen();
        NDArray attended;
        try (NDArray normed = Norms.rms(x, inputNorm, eps);
                NDArray fused = qkv.apply(normed); // [B·S, (heads + 2·kv)·hd]
                NDList parts = fused.split(qkvSplit, 1);
                NDArray qRaw = parts.get(0).reshape(b, s, c.numHeads(), c.headDim());
                NDArray kRaw = parts.get(1).reshape(b, s, c.numKvHeads(), c.headDim());
                NDArray v = parts.get(2).reshape(b, s, c.numKvHeads(), c.headDim());
                NDArray qN = Norms.rms(qRaw, qNorm, eps);
                NDArray kN = Norms.rms(kRaw, kNorm, eps);
                NDArray q = Rotary.apply(qN, ctx.cos(), ctx.sinSigned()); // [B,S,heads,hd]
                NDArray k = Rotary.apply(kN, ctx.cos(), ctx.sinSigned()); // [B,S,kv,hd]
                NDArray o = Kernels.causalAttention(q, k, v)) { // [B·S, heads·hd]
            attended = oProj.apply(o).addi(x);
        }
        try (NDArray normed = Norms.rms(attended, postAttentionNorm, eps)) {
            return RowBlocks.map(normed, MLP_ROWS, this::mlp).addi(attended);
        } finally {
            attended.close();
        }
    }

    /** down_proj(silu(gate) ⊙ up): [rows, H] → [rows, H]. */
    private NDArray mlp(NDArray normed) {
        try (NDArray gu = gateUp.apply(normed); // [rows, 2F]
                NDList parts = gu.split(gateUpSplit, 1);
                NDArray act = Activation.sigmoid(parts.get(0)).muli(parts.get(0)).muli(parts.get(1))) { // SiLU(g)·u
            return down.apply(act);
        }
    }

    @Override
    public void close() {
        inputNorm.close();
        postAttentionNorm.close();
        qNorm.close();
        kNorm.close();
        qkv.close();
        oProj.close();
        gateUp.close();
        down.close();
    }
}
