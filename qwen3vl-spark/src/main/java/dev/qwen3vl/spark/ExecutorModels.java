package dev.qwen3vl.spark;

import dev.qwen3vl.hub.ModelResolver;
import dev.qwen3vl.inference.BatchingOptions;
import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.CpuFeatures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of this JVM: one {@link Qwen3VlEmbedder} per model, device and compute type, loaded by the first task
 * that needs it and shared by every later task and every concurrent task of the executor (the embedder is
 * thread-safe and batches concurrent callers together). Only the model's name travels with a task; the model stays
 * here until the JVM exits, when a shutdown hook closes it.
 */
final class ExecutorModels {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);

    /** How long the first input of a forward pass waits for company from concurrent tasks. */
    private static final Duration BATCH_WAIT = Duration.ofMillis(5);

    private static final Map<Key, Qwen3VlEmbedder> MODELS = new LinkedHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "qwen3vl-spark-models"));
    }

    private ExecutorModels() {
    }

    /** What a loaded model is shared under. */
    private record Key(String model, String device, ComputeType dtype) {
    }

    /**
     * The embedder for the calling task, loading it if this JVM has not yet.
     *
     * @param settings the job's settings
     * @param device   the task's device, see {@link TaskDevice#resolve}
     * @param loaded   called once if this call loaded the model
     * @return the shared embedder; never close it
     */
    static synchronized Qwen3VlEmbedder embedder(EmbedSettings settings, String device, Runnable loaded) {
        ComputeType dtype = ComputeType.parse(settings.dtype())
                .resolve(TaskDevice.isGpu(device), CpuFeatures.current()).type();
        Key key = new Key(settings.model(), device, dtype);
        Qwen3VlEmbedder embedder = MODELS.get(key);
        if (embedder == null) {
            long start = System.nanoTime();
            Path folder = ModelResolver.builder().build().resolve(settings.model());
            EngineSettings engine = EngineSettings.defaults();
            engine = engine.withModel(engine.model().withDevice(device).withDtype(dtype)
                            .withThreads(settings.torchThreads()))
                    .withBatching(new BatchingOptions(settings.batchSize(), BatchingOptions.defaults().maxBatchTokens(),
                            BATCH_WAIT, BatchingOptions.defaults().maxQueue()));
            embedder = Qwen3VlEmbedder.load(folder, engine);
            MODELS.put(key, embedder);
            LOADS.incrementAndGet();
            loaded.run();
            LOG.info("Loaded {} ({}) on {} in {} in {} ms; models in this JVM: {}", settings.modelId(), folder, device,
                    dtype, (System.nanoTime() - start) / 1_000_000, MODELS.size());
        }
        return embedder;
    }

    /** @return how many models this JVM has loaded */
    static int loadCount() {
        return LOADS.get();
    }

    private static synchronized void closeAll() {
        for (Map.Entry<Key, Qwen3VlEmbedder> entry : MODELS.entrySet()) {
            try {
                entry.getValue().close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the model {} failed: {}", entry.getKey(), e.toString());
            }
        }
        MODELS.clear();
    }
}
