package dev.qwen3vl.quarkus.runtime;

import dev.langchain4j.model.embedding.listener.EmbeddingModelErrorContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelResponseContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The one listener an embedding model is built with; it forwards to listeners added later, e.g. the metrics
 * recorder, which only exists once the application's beans are up. A failing listener is logged and does not keep
 * the others from being notified. Thread-safe.
 */
public final class EmbeddingListenerRelay implements EmbeddingModelListener {

    private static final Logger LOG = Logger.getLogger(EmbeddingListenerRelay.class);

    private final List<EmbeddingModelListener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener notified around every later request. */
    public void add(EmbeddingModelListener listener) {
        listeners.add(listener);
    }

    @Override
    public void onRequest(EmbeddingModelRequestContext requestContext) {
        each(l -> l.onRequest(requestContext));
    }

    @Override
    public void onResponse(EmbeddingModelResponseContext responseContext) {
        each(l -> l.onResponse(responseContext));
    }

    @Override
    public void onError(EmbeddingModelErrorContext errorContext) {
        each(l -> l.onError(errorContext));
    }

    private void each(Consumer<EmbeddingModelListener> event) {
        for (EmbeddingModelListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("An embedding model listener failed", e);
            }
        }
    }
}
