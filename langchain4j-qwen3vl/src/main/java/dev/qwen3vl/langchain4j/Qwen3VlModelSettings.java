package dev.qwen3vl.langchain4j;

import dev.qwen3vl.hub.ModelFolder;
import dev.qwen3vl.hub.ModelResolver;
import dev.qwen3vl.inference.BatchingOptions;
import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.input.image.ImageLimits;
import dev.qwen3vl.input.video.VideoOptions;
import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.model.Quantization;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Builder options shared by {@link Qwen3VlEmbeddingModel} and {@link Qwen3VlScoringModel}: where the model
 * comes from and how it runs.
 *
 * @param <B> the concrete builder
 */
public abstract class Qwen3VlModelSettings<B extends Qwen3VlModelSettings<B>> {

    private Path modelPath;
    private String model;
    private ModelResolver modelResolver;
    private String device = "cpu";
    private ComputeType dtype = ComputeType.AUTO;
    private Quantization quantization = Quantization.NONE;
    private BatchingOptions batching = BatchingOptions.defaults();
    private Integer maxLength;
    private boolean truncate;
    private ImageLimits imageLimits = ImageLimits.defaults();
    private VideoOptions videoOptions = VideoOptions.defaults();
    private Integer threads;
    private Long visionCacheBytes;

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** A local Hugging Face model folder (config.json, tokenizer.json, safetensors). */
    public B modelPath(Path modelPath) {
        this.modelPath = modelPath;
        return self();
    }

    /**
     * A model folder path or a hub id such as {@code Qwen/Qwen3-VL-Embedding-2B}, resolved by
     * {@link #modelResolver(ModelResolver)} (the local Hugging Face cache; downloads only when allowed there).
     */
    public B model(String model) {
        this.model = model;
        return self();
    }

    /** How hub ids are resolved (cache folder, download permission, offline mode). */
    public B modelResolver(ModelResolver modelResolver) {
        this.modelResolver = modelResolver;
        return self();
    }

    /** {@code cpu} (default), {@code gpu} or {@code gpu:N}. */
    public B device(String device) {
        this.device = device;
        return self();
    }

    /**
     * Compute type of the linear layers: {@code auto} (default: bfloat16 on CUDA and on CPUs with avx512_bf16 or AMX,
     * float32 elsewhere; the choice and its reason are logged), {@code float32} (exact mode), {@code bfloat16}, or
     * {@code float16} (CUDA only).
     *
     * @throws IllegalArgumentException for another name, listing the accepted ones
     */
    public B dtype(String dtype) {
        this.dtype = ComputeType.parse(dtype);
        return self();
    }

    /** Weight storage of the linear layers: NONE (default), FP16 or INT8. */
    public B quantization(Quantization quantization) {
        this.quantization = quantization;
        return self();
    }

    /** Most sequences per forward pass (default 16). */
    public B maxBatchSize(int maxBatchSize) {
        batching = new BatchingOptions(maxBatchSize, batching.maxBatchTokens(), batching.maxWait(), batching.maxQueue());
        return self();
    }

    /** Most padded tokens per forward pass (default 4,096). */
    public B maxBatchTokens(int maxBatchTokens) {
        batching = new BatchingOptions(batching.maxBatchSize(), maxBatchTokens, batching.maxWait(), batching.maxQueue());
        return self();
    }

    /** How long a request waits for others to share its forward pass (default 5 ms). */
    public B maxWait(Duration maxWait) {
        batching = new BatchingOptions(batching.maxBatchSize(), batching.maxBatchTokens(), maxWait, batching.maxQueue());
        return self();
    }

    /** Most requests waiting before new ones are rejected (default 1,024). */
    public B maxQueue(int maxQueue) {
        batching = new BatchingOptions(batching.maxBatchSize(), batching.maxBatchTokens(), batching.maxWait(), maxQueue);
        return self();
    }

    /** Most tokens per input (default 8,192 for embeddings, 10,240 for the reranker). */
    public B maxLength(Integer maxLength) {
        this.maxLength = maxLength;
        return self();
    }

    /** Truncate over-long inputs by the reference's rule instead of failing (default false). */
    public B truncate(boolean truncate) {
        this.truncate = truncate;
        return self();
    }

    /** Image decoding guards, URL fetching and resize bounds. */
    public B imageLimits(ImageLimits imageLimits) {
        this.imageLimits = imageLimits;
        return self();
    }

    /** Default video sampling (fps, frame limits) and visual-token budget. */
    public B videoOptions(VideoOptions videoOptions) {
        this.videoOptions = videoOptions;
        return self();
    }

    /**
     * libtorch intra-op threads (default: one per core). libtorch has one thread pool per process: the model built
     * last with a value sets it for every model of the JVM.
     */
    public B threads(Integer threads) {
        this.threads = threads;
        return self();
    }

    /**
     * Bytes of vision tower outputs (and decoded media) kept per model, keyed by the content of each image or video,
     * so that a document scored or embedded again skips the vision tower; 0 turns the cache off. Default: 256 MiB
     * for the scoring model (documents are scored against every query), 0 for the embedding model (each document is
     * embedded once).
     */
    public B visionCacheBytes(long visionCacheBytes) {
        if (visionCacheBytes < 0) {
            throw new IllegalArgumentException("visionCacheBytes must be 0 (off) or positive, got " + visionCacheBytes);
        }
        this.visionCacheBytes = visionCacheBytes;
        return self();
    }

    /** The vision cache bound used when {@link #visionCacheBytes(long)} is not called. */
    abstract long defaultVisionCacheBytes();

    /** The validated engine settings. */
    EngineSettings engineSettings() {
        ModelOptions options = ModelOptions.cpu().withDevice(device).withQuantization(quantization)
                .withThreads(threads)
                .withVisionCacheBytes(visionCacheBytes != null ? visionCacheBytes : defaultVisionCacheBytes())
                .withDtype(dtype);
        return new EngineSettings(options, batching, imageLimits, videoOptions, maxLength, truncate);
    }

    /** The model folder: {@code modelPath}, or {@code model} resolved as a folder or hub id. */
    Path resolveModel() {
        if (modelPath != null) {
            return ModelFolder.open(modelPath).path();
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("Set modelPath(...) or model(...) to a model folder or hub id");
        }
        ModelResolver resolver = modelResolver != null ? modelResolver : ModelResolver.builder().build();
        return resolver.resolve(model);
    }

    /** A short name of the model for responses and logs. */
    String modelName() {
        if (model != null && !model.isBlank()) {
            return model;
        }
        return modelPath == null ? "qwen3-vl" : String.valueOf(modelPath.toAbsolutePath().normalize().getFileName());
    }
}
