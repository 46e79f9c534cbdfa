package dev.qwen3vl.quarkus.runtime.metrics;

import dev.qwen3vl.inference.BatchScheduler;
import dev.qwen3vl.quarkus.runtime.LoadingModel;
import dev.qwen3vl.quarkus.runtime.ModelTask;
import dev.qwen3vl.quarkus.runtime.Qwen3VlModels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.Function;

/**
 * Micrometer metrics of the Qwen3-VL models, tagged with {@code model} (the configured name, {@code <default>} for
 * the unnamed model) and {@code task} ({@code embedding} or {@code scoring}):
 * <ul>
 *   <li>{@code qwen3vl.embedding.requests} — timer of embedding calls, tagged {@code outcome} (embedding only; the
 *       LangChain4j scoring API has no listeners)</li>
 *   <li>{@code qwen3vl.embeddings} — counter of embeddings returned (embedding only)</li>
 *   <li>{@code qwen3vl.forward.passes} — timer of forward passes</li>
 *   <li>{@code qwen3vl.batch.size} — distribution of sequences per forward pass</li>
 *   <li>{@code qwen3vl.sequences} — counter of sequences run (inputs embedded, pairs scored)</li>
 *   <li>{@code qwen3vl.tokens} — counter of tokens run, without padding</li>
 *   <li>{@code qwen3vl.queue.depth} — gauge of requests waiting for a forward pass (once the model is loaded)</li>
 *   <li>{@code qwen3vl.requests.abandoned} — requests dropped unrun: cancelled by their callers or past their deadlines</li>
 * </ul>
 * Registered only when the application has Micrometer.
 */
@ApplicationScoped
public class Qwen3VlMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    Qwen3VlModels models;

    void bind(@Observes StartupEvent event) {
        models.embeddingModels().forEach((name, model) -> {
            Tags tags = tags(name, ModelTask.EMBEDDING);
            models.embeddingListeners(name).add(new RequestMetrics(registry, tags));
            observe(model, tags, m -> m.embedder().scheduler());
        });
        models.scoringModels().forEach((name, model) ->
                observe(model, tags(name, ModelTask.SCORING), m -> m.reranker().scheduler()));
    }

    private <T extends AutoCloseable> void observe(LoadingModel<T> model, Tags tags,
            Function<T, BatchScheduler> scheduler) {
        ForwardPassMetrics metrics = new ForwardPassMetrics(registry, tags);
        model.whenReady(m -> metrics.bind(registry, tags, scheduler.apply(m)));
    }

    private static Tags tags(String modelName, ModelTask task) {
        return Tags.of("model", modelName, "task", task.key());
    }
}
