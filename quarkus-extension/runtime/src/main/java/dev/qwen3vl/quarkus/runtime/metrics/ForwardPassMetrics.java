package dev.qwen3vl.quarkus.runtime.metrics;

import dev.qwen3vl.inference.BatchObserver;
import dev.qwen3vl.inference.BatchScheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Records every forward pass of a model's batch scheduler: {@code qwen3vl.forward.passes} (duration),
 * {@code qwen3vl.batch.size} (sequences per pass), {@code qwen3vl.sequences} and {@code qwen3vl.tokens} (counts) and
 * the gauge {@code qwen3vl.queue.depth}.
 */
final class ForwardPassMetrics implements BatchObserver {

    private final Timer passes;
    private final DistributionSummary batchSize;
    private final Counter sequences;
    private final Counter tokens;

    ForwardPassMetrics(MeterRegistry registry, Tags tags) {
        this.passes = Timer.builder("qwen3vl.forward.passes")
                .description("Forward passes of the model")
                .tags(tags)
                .register(registry);
        this.batchSize = DistributionSummary.builder("qwen3vl.batch.size")
                .description("Sequences per forward pass")
                .tags(tags)
                .register(registry);
        this.sequences = Counter.builder("qwen3vl.sequences")
                .description("Sequences run: inputs embedded, or query-document pairs scored")
                .tags(tags)
                .register(registry);
        this.tokens = Counter.builder("qwen3vl.tokens")
                .description("Tokens run (without padding), text and visual")
                .tags(tags)
                .register(registry);
    }

    /** Observes {@code scheduler} and adds the gauge of its queue. */
    void bind(MeterRegistry registry, Tags tags, BatchScheduler scheduler) {
        Gauge.builder("qwen3vl.queue.depth", scheduler, BatchScheduler::queueDepth)
                .description("Requests waiting for a forward pass")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("qwen3vl.requests.abandoned", scheduler, BatchScheduler::abandoned)
                .description("Requests dropped before their forward pass: cancelled by their callers or past their"
                        + " deadlines")
                .tags(tags)
                .register(registry);
        scheduler.addObserver(this);
    }

    @Override
    public void onForwardPass(int sequenceCount, int tokenCount, int paddedTokens, long nanos, int queueDepth) {
        passes.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(sequenceCount);
        sequences.increment(sequenceCount);
        tokens.increment(tokenCount);
    }
}
