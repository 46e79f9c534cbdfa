package dev.qwen3vl.quarkus.runtime;

import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.qwen3vl.hub.DownloadProgressListener;
import dev.qwen3vl.hub.ModelResolver;
import dev.qwen3vl.input.image.ImageLimits;
import dev.qwen3vl.input.video.VideoOptions;
import dev.qwen3vl.langchain4j.Qwen3VlEmbeddingModel;
import dev.qwen3vl.langchain4j.Qwen3VlModelSettings;
import dev.qwen3vl.langchain4j.Qwen3VlScoringModel;
import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.CpuFeatures;
import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.model.Qwen3VlConfig;
import dev.qwen3vl.quarkus.runtime.config.BatchingConfig;
import dev.qwen3vl.quarkus.runtime.config.DownloadConfig;
import dev.qwen3vl.quarkus.runtime.config.EmbeddingModelConfig;
import dev.qwen3vl.quarkus.runtime.config.LimitsConfig;
import dev.qwen3vl.quarkus.runtime.config.ModelConfig;
import dev.qwen3vl.quarkus.runtime.config.Qwen3VlRuntimeConfig;
import dev.qwen3vl.quarkus.runtime.config.ScoringModelConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns the configuration of a model into a loader, checking at once everything that can be checked without
 * loading: the settings' ranges, that a model folder exists and is complete (or, for a hub id, that it is cached or
 * may be downloaded) and that the dimension fits the model. A problem is a {@link ConfigurationException} naming the
 * property, which fails the application's start.
 */
final class ModelFactory {

    /** {@code org/name} or {@code org/name@revision}, not starting like a path. */
    private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9._-]+(@\\S+)?");
    private static final int MIN_INPUT_TOKENS = 16;

    /** One log for the downloads of every model: progress lines per file. */
    private static final DownloadProgressListener LOG_PROGRESS = DownloadProgressListener.logging();

    private final Qwen3VlRuntimeConfig config;
    private final ModelResolver cacheOnlyResolver;
    private final boolean downloads;
    private final String endpoint;

    ModelFactory(Qwen3VlRuntimeConfig config) {
        this.config = config;
        ModelResolver resolver = checked(ConfigNames.global("download.endpoint"),
                () -> resolverBuilder(config.download()).build());
        this.cacheOnlyResolver = resolverBuilder(config.download()).allowDownload(false).build();
        this.downloads = resolver.isDownloadAllowed() && !resolver.isOffline();
        this.endpoint = resolver.endpoint().toString();
        config.threads().ifPresent(t -> atLeast(ConfigNames.global("threads"), t, 1));
    }

    /**
     * A loader of the embedding model {@code modelName}, built with {@code listener}; a download reports its
     * progress to the log and to {@code model}.
     */
    Callable<Qwen3VlEmbeddingModel> embedding(String modelName, EmbeddingModelListener listener,
            LoadingModel<?> model) {
        ModelConfig mc = ModelSelection.modelConfig(config, modelName).orElseThrow();
        EmbeddingModelConfig ec = mc.embedding();
        String reference = ModelSelection.reference(config, modelName, ModelTask.EMBEDDING).orElseThrow();
        Qwen3VlEmbeddingModel.Builder b = Qwen3VlEmbeddingModel.builder();
        applyShared(b, modelName, mc);
        Optional<Path> folder = locate(ConfigNames.property(modelName, "embedding.model"), reference);
        if (ec.dimension().isPresent()) {
            int dimension = ec.dimension().getAsInt();
            checkDimension(modelName, dimension, folder);
            b.dimension(dimension);
        }
        ec.instruction().ifPresent(b::instruction);
        ec.queryInstruction().ifPresent(b::queryInstruction);
        b.model(reference).modelResolver(resolverReportingTo(model)).listeners(List.of(listener));
        return b::build;
    }

    /** A loader of the scoring model {@code modelName}; a download reports its progress to the log and to {@code model}. */
    Callable<Qwen3VlScoringModel> scoring(String modelName, LoadingModel<?> model) {
        ModelConfig mc = ModelSelection.modelConfig(config, modelName).orElseThrow();
        ScoringModelConfig sc = mc.scoring();
        String reference = ModelSelection.reference(config, modelName, ModelTask.SCORING).orElseThrow();
        Qwen3VlScoringModel.Builder b = Qwen3VlScoringModel.builder();
        applyShared(b, modelName, mc);
        locate(ConfigNames.property(modelName, "scoring.model"), reference);
        sc.instruction().ifPresent(b::instruction);
        b.visionCacheBytes(sc.visionCache().asLongValue());
        b.model(reference).modelResolver(resolverReportingTo(model));
        return b::build;
    }

    private static ModelResolver.Builder resolverBuilder(DownloadConfig d) {
        ModelResolver.Builder b = ModelResolver.builder().allowDownload(d.allowed());
        d.offline().ifPresent(b::offline);
        d.endpoint().ifPresent(b::endpoint);
        d.cacheDir().ifPresent(b::cacheDir);
        return b;
    }

    /** The configured resolver, logging download progress and recording it in {@code model}. */
    private ModelResolver resolverReportingTo(LoadingModel<?> model) {
        return resolverBuilder(config.download()).progressListener((modelId, file, done, total) -> {
            LOG_PROGRESS.onProgress(modelId, file, done, total);
            model.downloading(file, done, total);
        }).build();
    }

    private <B extends Qwen3VlModelSettings<B>> void applyShared(B b, String modelName, ModelConfig mc) {
        checked(ConfigNames.property(modelName, "device"), () -> ModelOptions.cpu().withDevice(mc.device()));
        b.device(mc.device());
        checked(ConfigNames.property(modelName, "dtype"), () -> ModelOptions.cpu().withDevice(mc.device())
                .withDtype(ComputeType.parse(mc.dtype())).resolvedDtype(CpuFeatures.current()));
        b.dtype(mc.dtype());
        b.quantization(mc.quantization());

        BatchingConfig batching = mc.batching();
        b.maxBatchSize(atLeast(ConfigNames.property(modelName, "batching.max-batch-size"), batching.maxBatchSize(), 1));
        b.maxBatchTokens(atLeast(ConfigNames.property(modelName, "batching.max-batch-tokens"),
                batching.maxBatchTokens(), 1));
        if (batching.maxWait().isNegative()) {
            throw new ConfigurationException(ConfigNames.property(modelName, "batching.max-wait")
                    + " must not be negative, got " + batching.maxWait(),
                    Set.of(ConfigNames.property(modelName, "batching.max-wait")));
        }
        b.maxWait(batching.maxWait());
        b.maxQueue(atLeast(ConfigNames.property(modelName, "batching.max-queue"), batching.maxQueue(), 1));

        LimitsConfig limits = mc.limits();
        b.imageLimits(checked(ConfigNames.property(modelName, "limits.max-pixels"),
                () -> ImageLimits.builder().maxPixels(limits.maxPixels()).build()));
        b.videoOptions(checked(ConfigNames.property(modelName, "limits.max-video-frames"), () -> {
            int frames = limits.maxVideoFrames();
            int minFrames = Math.min(VideoOptions.defaults().minFrames(), frames);
            return VideoOptions.builder().minFrames(minFrames).maxFrames(frames).build();
        }));
        if (limits.maxInputTokens().isPresent()) {
            b.maxLength(atLeast(ConfigNames.property(modelName, "limits.max-input-tokens"),
                    limits.maxInputTokens().getAsInt(), MIN_INPUT_TOKENS));
        }
        b.truncate(limits.truncate());
        config.threads().ifPresent(b::threads);
    }

    /**
     * The model folder, if it can be found without downloading; empty for a hub id that will be downloaded in the
     * background.
     */
    private Optional<Path> locate(String property, String reference) {
        try {
            return Optional.of(cacheOnlyResolver.resolve(reference));
        } catch (IllegalArgumentException e) {
            if (downloads && HUB_ID.matcher(reference).matches()) {
                return Optional.empty();
            }
            String hint = HUB_ID.matcher(reference).matches() && !downloads
                    ? " (To let the application download it from " + endpoint + ", set "
                            + ConfigNames.global("download.allowed") + "=true and turn offline mode off.)"
                    : "";
            throw new ConfigurationException(property + "=" + reference + ": " + e.getMessage() + hint,
                    Set.of(property));
        }
    }

    private void checkDimension(String modelName, int dimension, Optional<Path> folder) {
        String property = ConfigNames.property(modelName, "embedding.dimension");
        atLeast(property, dimension, 1);
        if (folder.isEmpty()) {
            return; // checked by the model when it is loaded
        }
        String modelProperty = ConfigNames.property(modelName, "embedding.model");
        int hiddenSize = checked(modelProperty, () -> Qwen3VlConfig.load(folder.get()).text().hiddenSize());
        if (dimension > hiddenSize) {
            throw new ConfigurationException(property + "=" + dimension + " is larger than the hidden size "
                    + hiddenSize + " of the model in " + folder.get() + " (" + modelProperty
                    + "); use a dimension between 1 and " + hiddenSize, Set.of(property));
        }
    }

    private static int atLeast(String property, int value, int min) {
        if (value < min) {
            throw new ConfigurationException(property + " must be at least " + min + ", got " + value,
                    Set.of(property));
        }
        return value;
    }

    private static <T> T checked(String property, Supplier<T> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            throw new ConfigurationException(property + ": " + e.getMessage(), e, Set.of(property));
        }
    }
}
