package dev.qwen3vl.quarkus.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A configured model that is loaded in the background: loading, then ready or failed, and finally closed. Callers
 * of {@link #await()} wait for the load. Thread-safe.
 *
 * @param <T> the model type
 */
public final class LoadingModel<T extends AutoCloseable> {

    private static final Logger LOG = Logger.getLogger(LoadingModel.class);

    /** Where a model stands. */
    public enum State {
        /** Being resolved, downloaded or loaded. */
        LOADING,
        /** Loaded; calls run at once. */
        READY,
        /** Loading failed; see {@link #failure()}. */
        FAILED,
        /** Shut down with the application. */
        CLOSED
    }

    /**
     * A file of the model being downloaded from the hub.
     *
     * @param file       the file's path in the repository, e.g. {@code model.safetensors}
     * @param bytesDone  bytes of it on disk so far
     * @param totalBytes its size, or -1 when the hub did not say
     */
    public record Download(String file, long bytesDone, long totalBytes) {

        /** How much of the file is there, from 0 to 100; 0 when its size is unknown. */
        public int percent() {
            return totalBytes > 0 ? (int) Math.min(100, bytesDone * 100 / totalBytes) : 0;
        }
    }

    private final String modelName;
    private final ModelTask task;
    private final String reference;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private final List<Consumer<T>> readyActions = new ArrayList<>();
    private volatile Download download;
    private boolean closed;

    /**
     * @param modelName the configured name, or {@link ConfigNames#DEFAULT_NAME}
     * @param task what the model does
     * @param reference the configured folder or hub id
     */
    public LoadingModel(String modelName, ModelTask task, String reference) {
        this.modelName = modelName;
        this.task = task;
        this.reference = reference;
    }

    /** The configured name, or {@link ConfigNames#DEFAULT_NAME}. */
    public String modelName() {
        return modelName;
    }

    /** What the model does. */
    public ModelTask task() {
        return task;
    }

    /** The configured folder or hub id. */
    public String reference() {
        return reference;
    }

    /** Where the model stands now. */
    public synchronized State state() {
        if (closed) {
            return State.CLOSED;
        }
        if (!future.isDone()) {
            return State.LOADING;
        }
        return future.isCompletedExceptionally() ? State.FAILED : State.READY;
    }

    /** The file being downloaded while the model is {@link State#LOADING} from the hub; empty otherwise. */
    public Optional<Download> download() {
        Download d = download;
        return d != null && state() == State.LOADING ? Optional.of(d) : Optional.empty();
    }

    /** Records download progress (a {@link dev.qwen3vl.hub.DownloadProgressListener} of this model's resolver). */
    void downloading(String file, long bytesDone, long totalBytes) {
        download = new Download(file, bytesDone, totalBytes);
    }

    /** Why loading failed, if it did. */
    public Optional<String> failure() {
        if (!future.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            future.join();
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(String.valueOf(e.getCause().getMessage()));
        }
    }

    /**
     * The model, waiting for the load to finish.
     *
     * @throws ModelUnavailableException if loading failed (with the reason) or the application is shutting down
     */
    public T await() {
        T model;
        try {
            model = future.join();
        } catch (CompletionException e) {
            throw new ModelUnavailableException(e.getCause().getMessage(), e.getCause());
        }
        synchronized (this) {
            if (closed) {
                throw new ModelUnavailableException(ConfigNames.describe(modelName, task) + " is closed", null);
            }
        }
        return model;
    }

    /**
     * Runs {@code action} with the model once it is loaded, before anyone can use it (at once if it is loaded
     * already); never if loading fails. Actions run on the loading thread and must be quick.
     */
    public void whenReady(Consumer<T> action) {
        synchronized (this) {
            if (!future.isDone()) {
                readyActions.add(action);
                return;
            }
        }
        if (state() == State.READY) {
            action.accept(future.join());
        }
    }

    /** Records the loaded model, running the ready actions first; if the model was closed meanwhile, closes it. */
    void complete(T model) {
        boolean keep;
        synchronized (this) {
            keep = !closed;
            if (keep) {
                readyActions.forEach(action -> runReadyAction(action, model));
                readyActions.clear();
                future.complete(model);
            } else {
                future.completeExceptionally(new IllegalStateException(ConfigNames.describe(modelName, task)
                        + " was closed while it was loading"));
            }
        }
        if (!keep) {
            closeQuietly(model);
        }
    }

    private void runReadyAction(Consumer<T> action, T model) {
        try {
            action.accept(model);
        } catch (RuntimeException e) {
            LOG.warnf(e, "An action on %s failed", ConfigNames.describe(modelName, task));
        }
    }

    /** Records that loading failed. */
    synchronized void fail(Throwable error) {
        readyActions.clear();
        future.completeExceptionally(error);
    }

    /** Closes the model if it is loaded; a model still loading is closed as soon as it is. */
    void close() {
        T model;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            model = future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
        }
        if (model != null) {
            closeQuietly(model);
        }
    }

    private void closeQuietly(T model) {
        try {
            model.close();
        } catch (Exception e) {
            LOG.warnf(e, "Closing %s failed", ConfigNames.describe(modelName, task));
        }
    }
}
