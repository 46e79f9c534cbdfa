package dev.qwen3vl.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.qwen3vl.input.PixelPatches;
import dev.qwen3vl.util.BoundedCache;
import dev.qwen3vl.util.NativeLibraries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Qwen3-VL backbone ({@code Qwen3VLModel}: vision tower + text decoder + final norm) on DJL's PyTorch engine.
 *
 * <p>{@link #lastTokenStates} runs a right-padded batch and returns, per sequence, the final-normed hidden state
 * of its last token — the embedding before normalisation, and the input of the reranker's yes/no head.
 * Weights live in one NDManager released by {@link #close()}; every forward pass uses its own sub-manager.
 * The code is device-agnostic: the same forward runs on a CUDA device when DJL finds one.
 */
public final class Qwen3VlModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Qwen3VlModel.class);

    private final Qwen3VlConfig config;
    private final ModelOptions options;
    private final WeightSource checkpoint;
    private final NDManager weights;
    private final TokenEmbeddings embeddings;
    private final VisionEncoder vision;
    private final TextDecoder decoder;
    private final MultimodalRope rope;
    private final long linearWeightBytes;
    private final VisionFeatureCache visionCache; // null when options.visionCacheBytes() is 0
    private final ComputeType.Resolved computeType;
    private boolean closed;

    private Qwen3VlModel(String name, Qwen3VlConfig config, WeightSource source, ModelOptions options) {
        this.config = config;
        this.options = options;
        Engine engine = NativeLibraries.torch();
        Device device = options.djlDevice();
        if (device.isGpu() && engine.getGpuCount() <= device.getDeviceId()) {
            throw new IllegalStateException("Device " + options.device() + " was requested but DJL's PyTorch engine sees "
                    + engine.getGpuCount() + " GPU(s); check the CUDA libtorch setup (docs/gpu.md)");
        }
        if (options.threads() != null) {
            JniUtils.setNumThreads(options.threads());
            LOG.info("libtorch intra-op threads set to {} (one pool for the whole process)", options.threads());
        }
        this.computeType = options.resolvedDtype(CpuFeatures.current());
        LOG.info("Compute type {} ({})", computeType.type().label(), computeType.reason());
        if (options.quantization() == Quantization.FP16 && computeType.type() != ComputeType.FLOAT32) {
            throw new IllegalArgumentException("Quantization FP16 (float16 weight storage) needs compute type float32,"
                    + " but " + computeType.type().label() + " was chosen (" + computeType.reason() + "); use"
                    + " quantization NONE, whose " + computeType.type().label() + " weights take as little memory");
        }
        LoadProgress progress = new LoadProgress(name);
        this.checkpoint = source;
        this.weights = engine.newBaseManager(device);
        try {
            ProjectionFactory projections =
                    new ProjectionFactory(checkpoint, computeType.type(), options.quantization());
            this.embeddings = new TokenEmbeddings(checkpoint, config);
            this.vision = new VisionEncoder(config.vision(), checkpoint, weights, projections);
            progress.step("vision tower");
            this.decoder = new TextDecoder(config.text(), checkpoint, weights, projections, progress);
            this.rope = new MultimodalRope(config.text().headDim(), config.text().ropeTheta(), config.text().mropeSection());
            this.linearWeightBytes = projections.storedBytes();
            this.visionCache = options.visionCacheBytes() > 0
                    ? new VisionFeatureCache(weights, options.visionCacheBytes())
                    : null;
        } catch (RuntimeException e) {
            weights.close();
            checkpoint.close();
            throw e;
        }
        LOG.info("Loaded {} ({} layers, hidden {}, {} MB of weights) on {} as {} in {} s", name,
                config.text().numLayers(), config.text().hiddenSize(), checkpoint.storedBytes() >> 20, device,
                computeType.type().label(), String.format("%.1f", progress.seconds()));
    }

    /** Loads the model in {@code folder} (a Hugging Face Qwen3-VL checkpoint). */
    public static Qwen3VlModel load(Path folder, ModelOptions options) {
        Qwen3VlConfig config = Qwen3VlConfig.load(folder);
        return new Qwen3VlModel(String.valueOf(folder.getFileName()), config, Checkpoint.open(folder), options);
    }

    /**
     * A model of {@code config}'s architecture whose tensors come from {@code weights} (e.g. generated weights for
     * benchmarks); the model closes {@code weights} when it is closed.
     *
     * @param name how the model is named in logs
     */
    public static Qwen3VlModel load(String name, Qwen3VlConfig config, WeightSource weights, ModelOptions options) {
        return new Qwen3VlModel(name, config, weights, options);
    }

    /** The checkpoint's configuration. */
    public Qwen3VlConfig config() {
        return config;
    }

    /** The options the model runs with. */
    public ModelOptions options() {
        return options;
    }

    /** The compute type the model runs in (AUTO resolved) and why it was chosen. */
    public ComputeType.Resolved computeType() {
        return computeType;
    }

    /** Bytes held by the weights of all linear layers (where quantization saves memory). */
    public long linearWeightBytes() {
        return linearWeightBytes;
    }

    /** Row {@code tokenId} of the LM head (embed_tokens when tied or absent), float32. */
    public float[] lmHeadRow(long tokenId) {
        return embeddings.lmHeadRow(tokenId);
    }

    /**
     * The vision tower alone: merged tokens and DeepStack features of {@code visuals}, float32, each
     * {@code [tokens × out_hidden]} flattened (for parity checks against reference intermediates).
     */
    public VisionFeatures encodeVision(List<PixelPatches> visuals) {
        try (NDManager fm = weights.newSubManager();
                VisionEncoder.VisionOutput out = vision.forward(fm, visuals)) {
            List<float[]> deepstack = new ArrayList<>();
            for (NDArray d : out.deepstack()) {
                deepstack.add(d.toType(DataType.FLOAT32, false).toFloatArray());
            }
            return new VisionFeatures(out.merged().toType(DataType.FLOAT32, false).toFloatArray(), deepstack);
        }
    }

    /**
     * Vision tower outputs.
     *
     * @param merged main merger output, flattened [tokens × out_hidden]
     * @param deepstack per DeepStack merger, flattened [tokens × out_hidden]
     */
    public record VisionFeatures(float[] merged, List<float[]> deepstack) {}

    /**
     * Use of the vision feature cache ({@link ModelOptions#visionCacheBytes()}): hits, misses, evictions and the
     * bytes held; all zero when the cache is off.
     */
    public BoundedCache.Stats visionCacheStats() {
        return visionCache == null ? BoundedCache.Stats.off() : visionCache.stats();
    }

    /** Final-normed hidden state of the last token of every sequence, float32 [B][H]. */
    public float[][] lastTokenStates(List<ModelInput> batch) {
        return lastTokenStates(batch, null);
    }

    /**
     * Like {@link #lastTokenStates(List)}, letting {@code observer} see every layer's hidden states; it also gets
     * index {@code numLayers + 1} = the final-normed states of all rows.
     */
    public float[][] lastTokenStates(List<ModelInput> batch, HiddenStateObserver observer) {
        if (batch.isEmpty()) {
            return new float[0][];
        }
        int b = batch.size();
        int s = 0;
        for (ModelInput in : batch) {
            s = Math.max(s, in.length());
        }
        int hidden = config.text().hiddenSize();
        List<PixelPatches> visuals = new ArrayList<>();
        long[] visualRows = visualRows(batch, s, visuals);
        try (NDManager fm = weights.newSubManager()) {
            float[] emb = new float[b * s * hidden];
            for (int i = 0; i < b; i++) {
                embeddings.lookup(batch.get(i).inputIds(), emb, i * s * hidden);
            }
            NDArray h = Upload.floats(fm, emb, new Shape((long) b * s, hidden), DataType.FLOAT32);
            NDArray rows = null;
            List<NDArray> deepstack = Collections.emptyList();
            if (!visuals.isEmpty()) {
                VisionEncoder.VisionOutput out = visionCache == null
                        ? vision.forward(fm, visuals)
                        : visionCache.encode(fm, visuals, config.vision().spatialMergeSize(),
                                missing -> vision.forward(fm, missing));
                rows = fm.create(visualRows);
                h.set(new NDIndex("{}", rows), out.merged());
                deepstack = out.deepstack();
            }
            long[][][] positions = new long[b][][];
            for (int i = 0; i < b; i++) {
                positions[i] = batch.get(i).positionIds();
            }
            NDArray[] tables = rope.tables(fm, positions, s);
            DecoderContext ctx = new DecoderContext(b, s, tables[0], tables[1]);
            NDArray last = decoder.forward(h, ctx, rows, deepstack, observer);
            if (observer != null) {
                try (NDArray all = decoder.finalNorm(last)) {
                    observer.onHiddenState(config.text().numLayers() + 1, all);
                }
            }
            long[] lastRows = new long[b];
            for (int i = 0; i < b; i++) {
                lastRows[i] = (long) i * s + batch.get(i).length() - 1;
            }
            try (NDArray idx = fm.create(lastRows);
                    NDArray pooled = last.get(new NDIndex("{}", idx));
                    NDArray normed = decoder.finalNorm(pooled);
                    NDArray f32 = normed.toType(DataType.FLOAT32, false)) {
                float[] flat = f32.toFloatArray();
                float[][] result = new float[b][hidden];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(flat, i * hidden, result[i], 0, hidden);
                }
                return result;
            }
        }
    }

    // rows (b·S + s) of every image/video pad token, checked against the visuals' token counts
    private long[] visualRows(List<ModelInput> batch, int seqLen, List<PixelPatches> visuals) {
        int merge = config.vision().spatialMergeSize();
        List<Long> rows = new ArrayList<>();
        for (int b = 0; b < batch.size(); b++) {
            ModelInput in = batch.get(b);
            long expected = 0;
            for (PixelPatches p : in.visuals()) {
                expected += p.mergedTokenCount(merge);
            }
            long found = 0;
            long[] ids = in.inputIds();
            for (int s = 0; s < ids.length; s++) {
                if (ids[s] == config.imageTokenId() || ids[s] == config.videoTokenId()) {
                    rows.add((long) b * seqLen + s);
                    found++;
                }
            }
            if (found != expected) {
                throw new IllegalArgumentException("Sequence " + b + " has " + found + " image/video pad tokens but its "
                        + in.visuals().size() + " images/videos give " + expected + " visual tokens");
            }
            visuals.addAll(in.visuals());
        }
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i);
        }
        return out;
    }

    /** Releases the weights (native memory) and the checkpoint mapping. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (visionCache != null) {
            visionCache.close();
        }
        decoder.close();
        vision.close();
        weights.close();
        checkpoint.close();
    }
}
