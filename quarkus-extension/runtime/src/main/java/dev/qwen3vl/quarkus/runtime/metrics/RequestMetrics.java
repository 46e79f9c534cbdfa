package dev.qwen3vl.quarkus.runtime.metrics;

import dev.langchain4j.model.embedding.listener.EmbeddingModelErrorContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelResponseContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records the latency and output of embedding requests: {@code qwen3vl.embedding.requests} and
 * {@code qwen3vl.embeddings}.
 */
final class RequestMetrics implements EmbeddingModelListener {

    private static final Object START = new Object();

    private final Timer succeeded;
    private final Timer failed;
    private final Counter embeddings;

    RequestMetrics(MeterRegistry registry, Tags tags) {
        this.succeeded = requests(registry, tags, "success");
        this.failed = requests(registry, tags, "error");
        this.embeddings = Counter.builder("qwen3vl.embeddings")
                .description("Embeddings returned")
                .tags(tags)
                .register(registry);
    }

    private static Timer requests(MeterRegistry registry, Tags tags, String outcome) {
        return Timer.builder("qwen3vl.embedding.requests")
                .description("Embedding requests (one call of the model, any number of inputs), from the call to"
                        + " its answer")
                .tags(tags)
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void onRequest(EmbeddingModelRequestContext context) {
        context.attributes().put(START, System.nanoTime());
    }

    @Override
    public void onResponse(EmbeddingModelResponseContext context) {
        record(succeeded, context.attributes());
        embeddings.increment(context.embeddingResponse().embeddings().size());
    }

    @Override
    public void onError(EmbeddingModelErrorContext context) {
        record(failed, context.attributes());
    }

    private static void record(Timer timer, Map<Object, Object> attributes) {
        if (attributes.get(START) instanceof Long start) {
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
