package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.qwen3vl.input.PixelPatches;
import dev.qwen3vl.util.Linspace;
import java.util.ArrayList;
import java.util.List;

/**
 * The Qwen3-VL vision tower ({@code Qwen3VLVisionModel}, {@code model.visual}): patch embedding, learned position table
 * interpolated to each grid, {@code depth} blocks with 2-D rotary attention confined to each image (each
 * temporal group of a video), the main patch merger and the DeepStack mergers fed by the blocks listed in
 * {@code deepstack_visual_indexes}.
 */
final class VisionEncoder implements AutoCloseable {

    private final Qwen3VlConfig.VisionConfig c;
    private final Projection patchEmbed; // [D, 3·2·16·16] (the Conv3d as a linear map)
    private final NDArray positionTable; // [side², D]
    private final List<VisionBlock> blocks = new ArrayList<>();
    private final PatchMerger merger;
    private final List<PatchMerger> deepstackMergers = new ArrayList<>();
    private final float[] rotaryInvFreq; // [head_dim / 4]

    VisionEncoder(Qwen3VlConfig.VisionConfig c, WeightSource ckpt, NDManager m, ProjectionFactory projections) {
        this.c = c;
        long d = c.hiddenSize();
        int row = c.patchRowSize();
        try (NDArray conv = ckpt.load(m, DataType.FLOAT32, "model.visual.patch_embed.proj.weight", d, 3,
                c.temporalPatchSize(), c.patchSize(), c.patchSize())) {
            NDArray w = conv.reshape(d, row);
            NDArray b = ckpt.load(m, DataType.FLOAT32, "model.visual.patch_embed.proj.bias", d);
            patchEmbed = projections.of(w, b);
        }
        positionTable = ckpt.load(m, DataType.FLOAT32, "model.visual.pos_embed.weight", c.numPositionEmbeddings(), d);
        for (int i = 0; i < c.depth(); i++) {
            blocks.add(new VisionBlock(c, ckpt, m, i, projections));
        }
        merger = new PatchMerger("model.visual.merger.", false, c, ckpt, m, projections);
        for (int k = 0; k < c.deepstackVisualIndexes().length; k++) {
            deepstackMergers.add(new PatchMerger("model.visual.deepstack_merger_list." + k + ".", true, c, ckpt, m,
                    projections));
        }
        rotaryInvFreq = MultimodalRope.inverseFrequencies(c.headDim() / 2, c.ropeTheta());
    }

    /**
     * Encodes the visual inputs of a batch, in order.
     *
     * @return merged tokens [Σ tokens, out] and one [Σ tokens, out] feature list per DeepStack merger
     */
    VisionOutput forward(NDManager fm, List<PixelPatches> visuals) {
        int rowSize = c.patchRowSize();
        int total = 0;
        for (PixelPatches p : visuals) {
            if (p.rowSize() != rowSize) {
                throw new IllegalArgumentException("Patches have " + p.rowSize() + " values, the model expects " + rowSize);
            }
            total += p.patchCount();
        }
        float[] pixels = new float[total * rowSize];
        int at = 0;
        List<VisionContext.SegmentRun> runs = new ArrayList<>();
        for (PixelPatches p : visuals) {
            System.arraycopy(p.values(), 0, pixels, at * rowSize, p.values().length);
            addSegments(runs, at, p.gridT(), (long) p.gridH() * p.gridW());
            at += p.patchCount();
        }
        NDArray[] rotary = rotaryTables(fm, visuals, total);
        VisionContext ctx = new VisionContext(rotary[0], rotary[1], runs);
        List<NDArray> deepstack = new ArrayList<>();
        NDArray x;
        try (NDArray pv = Upload.floats(fm, pixels, new Shape(total, rowSize), DataType.FLOAT32);
                NDArray pos = positionEmbeddings(fm, visuals)) {
            x = patchEmbed.apply(pv).addi(pos); // [N, D]
        }
        int[] dsIndexes = c.deepstackVisualIndexes();
        for (int i = 0; i < blocks.size(); i++) {
            NDArray next = blocks.get(i).forward(x, ctx);
            x.close();
            x = next;
            for (int k = 0; k < dsIndexes.length; k++) {
                if (dsIndexes[k] == i) {
                    deepstack.add(deepstackMergers.get(k).forward(x));
                }
            }
        }
        NDArray merged = merger.forward(x);
        x.close();
        rotary[0].close();
        rotary[1].close();
        return new VisionOutput(merged, deepstack);
    }

    // each image is one segment; each temporal group of a video is one segment
    private static void addSegments(List<VisionContext.SegmentRun> runs, long offset, long groups, long length) {
        if (!runs.isEmpty()) {
            VisionContext.SegmentRun last = runs.get(runs.size() - 1);
            if (last.length() == length && last.offset() + last.count() * last.length() == offset) {
                runs.set(runs.size() - 1, new VisionContext.SegmentRun(last.offset(), last.count() + groups, length));
                return;
            }
        }
        runs.add(new VisionContext.SegmentRun(offset, groups, length));
    }

    /**
     * The learned position table bilinearly interpolated to each grid (float32 linspace coordinates), in merge
     * block order, repeated for every temporal group: [N, D].
     */
    private NDArray positionEmbeddings(NDManager fm, List<PixelPatches> visuals) {
        int side = c.positionTableSide();
        NDList parts = new NDList();
        for (PixelPatches p : visuals) {
            int gh = p.gridH();
            int gw = p.gridW();
            float[] hIdx = Linspace.float32(0, side - 1, gh);
            float[] wIdx = Linspace.float32(0, side - 1, gw);
            int n = gh * gw;
            long[][] idx = new long[4][n];
            float[][] weight = new float[4][n];
            int[] order = blockOrder(gh, gw);
            for (int i = 0; i < n; i++) {
                int r = order[2 * i];
                int col = order[2 * i + 1];
                int hf = (int) hIdx[r];
                int wf = (int) wIdx[col];
                int hc = Math.min(hf + 1, side - 1);
                int wc = Math.min(wf + 1, side - 1);
                float dh = hIdx[r] - hf;
                float dw = wIdx[col] - wf;
                idx[0][i] = (long) hf * side + wf;
                idx[1][i] = (long) hf * side + wc;
                idx[2][i] = (long) hc * side + wf;
                idx[3][i] = (long) hc * side + wc;
                weight[0][i] = (1f - dh) * (1f - dw);
                weight[1][i] = (1f - dh) * dw;
                weight[2][i] = dh * (1f - dw);
                weight[3][i] = dh * dw;
            }
            NDArray sum = null;
            for (int t = 0; t < 4; t++) {
                try (NDArray ids = fm.create(idx[t]);
                        NDArray rows = positionTable.get(fm, new NDIndex("{}", ids));
                        NDArray w = Upload.floats(fm, weight[t], new Shape(n, 1), DataType.FLOAT32)) {
                    NDArray term = rows.mul(w);
                    if (sum == null) {
                        sum = term;
                    } else {
                        sum.addi(term);
                        term.close();
                    }
                }
            }
            if (p.gridT() > 1) {
                NDArray tiled = sum.tile(new long[] {p.gridT(), 1});
                sum.close();
                sum = tiled;
            }
            parts.add(sum);
        }
        NDArray out = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
        if (parts.size() > 1) {
            parts.close();
        }
        return out;
    }

    /** 2-D rotary cos / signed sin per patch: angles [row·inv_freq, col·inv_freq] duplicated to head_dim. */
    private NDArray[] rotaryTables(NDManager fm, List<PixelPatches> visuals, int total) {
        int hd = c.headDim();
        int quarter = rotaryInvFreq.length; // head_dim / 4
        int half = hd / 2;
        Rotary.Tables tables = new Rotary.Tables(total, hd);
        int at = 0;
        for (PixelPatches p : visuals) {
            int[] order = blockOrder(p.gridH(), p.gridW());
            for (int t = 0; t < p.gridT(); t++) {
                for (int i = 0; i < p.gridH() * p.gridW(); i++) {
                    for (int j = 0; j < half; j++) {
                        int coordinate = j < quarter ? order[2 * i] : order[2 * i + 1];
                        tables.set(at, j, (float) coordinate * rotaryInvFreq[j % quarter]);
                    }
                    at++;
                }
            }
        }
        return tables.create(fm, new Shape(total, 1, hd), DataType.FLOAT32);
    }

    /** (row, col) of each patch in merge-block order, flattened as row0, col0, row1, col1, … */
    private int[] blockOrder(int gh, int gw) {
        int m = c.spatialMergeSize();
        int[] out = new int[2 * gh * gw];
        int i = 0;
        for (int br = 0; br < gh / m; br++) {
            for (int bc = 0; bc < gw / m; bc++) {
                for (int ir = 0; ir < m; ir++) {
                    for (int ic = 0; ic < m; ic++) {
                        out[i++] = br * m + ir;
                        out[i++] = bc * m + ic;
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        patchEmbed.close();
        positionTable.close();
        blocks.forEach(VisionBlock::close);
        merger.close();
        deepstackMergers.forEach(PatchMerger::close);
    }

    /**
     * @param merged [tokens, out]
     * @param deepstack per DeepStack merger, [tokens, out]
     */
    record VisionOutput(NDArray merged, List<NDArray> deepstack) implements AutoCloseable {
        @Override
        public void close() {
            merged.close();
            deepstack.forEach(NDArray::close);
        }
    }
}
