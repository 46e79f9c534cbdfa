package dev.qwen3vl.quarkus.runtime;

import dev.qwen3vl.langchain4j.Qwen3VlEmbeddingModel;
import dev.qwen3vl.langchain4j.Qwen3VlScoringModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The application's Qwen3-VL models. They are loaded one after the other on a background thread started with the
 * application, so that the application starts at once and its readiness check reports DOWN until every model is
 * loaded; the model beans wait for their load. Closing releases every model, including one still loading (as soon
 * as its load ends). A bean of the application (inject it to see the models' states).
 */
public final class Qwen3VlModels implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Qwen3VlModels.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    private final Map<String, LoadingModel<Qwen3VlEmbeddingModel>> embeddingModels = new LinkedHashMap<>();
    private final Map<String, EmbeddingListenerRelay> embeddingListeners = new LinkedHashMap<>();
    private final Map<String, LoadingModel<Qwen3VlScoringModel>> scoringModels = new LinkedHashMap<>();
    private final List<Runnable> loads = new ArrayList<>();
    private ExecutorService loader;

    Qwen3VlModels() {}

    /** Adds an embedding model to load; {@code listeners} is the relay it was built with. */
    void addEmbedding(LoadingModel<Qwen3VlEmbeddingModel> model, EmbeddingListenerRelay listeners,
            Callable<Qwen3VlEmbeddingModel> load) {
        embeddingModels.put(model.modelName(), model);
        embeddingListeners.put(model.modelName(), listeners);
        loads.add(() -> load(model, load));
    }

    /** Adds a scoring model to load. */
    void addScoring(LoadingModel<Qwen3VlScoringModel> model, Callable<Qwen3VlScoringModel> load) {
        scoringModels.put(model.modelName(), model);
        loads.add(() -> load(model, load));
    }

    /** Starts loading, in the order the models were added. */
    void start() {
        if (loads.isEmpty()) {
            return;
        }
        loader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "qwen3vl-model-loader");
            t.setDaemon(true);
            return t;
        });
        loads.forEach(loader::execute);
    }

    /**
     * The embedding model named {@code modelName} ({@link ConfigNames#DEFAULT_NAME} for the unnamed one).
     *
     * @throws IllegalArgumentException if there is no such model
     */
    public LoadingModel<Qwen3VlEmbeddingModel> embedding(String modelName) {
        return find(embeddingModels, modelName, ModelTask.EMBEDDING);
    }

    /**
     * The scoring model named {@code modelName} ({@link ConfigNames#DEFAULT_NAME} for the unnamed one).
     *
     * @throws IllegalArgumentException if there is no such model
     */
    public LoadingModel<Qwen3VlScoringModel> scoring(String modelName) {
        return find(scoringModels, modelName, ModelTask.SCORING);
    }

    /** The embedding models by name. */
    public Map<String, LoadingModel<Qwen3VlEmbeddingModel>> embeddingModels() {
        return Collections.unmodifiableMap(embeddingModels);
    }

    /** The scoring models by name. */
    public Map<String, LoadingModel<Qwen3VlScoringModel>> scoringModels() {
        return Collections.unmodifiableMap(scoringModels);
    }

    /** Every model, embedding models first. */
    public List<LoadingModel<?>> all() {
        List<LoadingModel<?>> all = new ArrayList<>(embeddingModels.values());
        all.addAll(scoringModels.values());
        return all;
    }

    /** The relay the embedding model {@code modelName} notifies around each request; add listeners to it. */
    public EmbeddingListenerRelay embeddingListeners(String modelName) {
        EmbeddingListenerRelay relay = embeddingListeners.get(modelName);
        if (relay == null) {
            throw new IllegalArgumentException("No Qwen3-VL embedding model named '" + modelName + "'");
        }
        return relay;
    }

    /** Stops loading, waits a while for a running load, and closes every model. */
    @Override
    public void close() {
        all().forEach(LoadingModel::close);
        if (loader == null) {
            return;
        }
        loader.shutdown();
        try {
            if (!loader.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warnf("A Qwen3-VL model is still loading after %d s; it is closed when its load ends",
                        SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T extends AutoCloseable> LoadingModel<T> find(Map<String, LoadingModel<T>> models,
            String modelName, ModelTask task) {
        LoadingModel<T> model = models.get(modelName);
        if (model == null) {
            throw new IllegalArgumentException("No Qwen3-VL " + task.key() + " model named '" + modelName + "'");
        }
        return model;
    }

    private static <T extends AutoCloseable> void load(LoadingModel<T> model, Callable<T> load) {
        String what = ConfigNames.describe(model.modelName(), model.task());
        if (model.state() == LoadingModel.State.CLOSED) {
            model.fail(new IllegalStateException(what + " was closed before it was loaded"));
            return;
        }
        String property = ConfigNames.property(model.modelName(), model.task().key() + ".model");
        LOG.infof("Loading %s from %s", what, model.reference());
        long start = System.nanoTime();
        try {
            model.complete(load.call());
            LOG.infof("Loaded %s in %.1f s", what, (System.nanoTime() - start) / 1e9);
        } catch (Exception | LinkageError e) {
            String message = "Cannot load " + what + " (" + property + "=" + model.reference() + "): "
                    + e.getMessage();
            LOG.error(message, e);
            model.fail(new IllegalStateException(message, e));
        }
    }
}
