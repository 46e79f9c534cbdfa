package dev.qwen3vl.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.input.EncodedSequence;
import dev.qwen3vl.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests nobody waits for any more never reach the model: the worker is held inside a first forward pass (an
 * observer waits on a latch), requests are queued behind it and abandoned, then the worker is released.
 */
class AbandonedRequestTest {

    private static final long WAIT_S = 120;

    private Qwen3VlEmbedder embedder;
    private BatchScheduler scheduler;
    private final CountDownLatch inFirstPass = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void load() {
        embedder = Qwen3VlEmbedder.load(Fixtures.model(), EngineSettings.defaults());
        scheduler = embedder.scheduler();
        scheduler.addObserver((sequences, tokens, padded, nanos, depth) -> {
            if (inFirstPass.getCount() > 0) {
                inFirstPass.countDown();
                await(release);
            }
        });
    }

    @AfterEach
    void close() {
        release.countDown();
        embedder.close();
    }

    @Test
    void cancelled_and_expired_requests_are_dropped_before_a_forward_pass() throws Exception {
        CompletableFuture<float[]> first = scheduler.submit(sequence("the first request"));
        await(inFirstPass);

        CompletableFuture<float[]> cancelled = scheduler.submit(sequence("a caller that went away"));
        CompletableFuture<float[]> expired = scheduler.submit(sequence("a request past its deadline"),
                Instant.now().minus(Duration.ofSeconds(1)));
        CompletableFuture<float[]> kept = scheduler.submit(sequence("a caller still waiting"));
        assertThat(cancelled.cancel(false)).isTrue();
        release.countDown();

        assertThat(kept.get(WAIT_S, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(first.get(WAIT_S, TimeUnit.SECONDS)).isNotEmpty();
        assertThatThrownBy(() -> expired.get(WAIT_S, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DeadlineExceededException.class);
        assertThat(cancelled).isCancelled();
        assertThat(scheduler.sequencesRun()).as("only the first and the kept request ran").isEqualTo(2);
        assertThat(scheduler.abandoned()).isEqualTo(2);
    }

    @Test
    void a_future_deadline_does_not_drop_the_request() throws Exception {
        CompletableFuture<float[]> late = scheduler.submit(sequence("time enough"),
                Instant.now().plus(Duration.ofHours(1)));
        release.countDown();
        assertThat(late.get(WAIT_S, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(scheduler.abandoned()).isZero();
    }

    @Test
    void an_interrupted_caller_of_run_all_drops_its_queued_sequences() throws Exception {
        scheduler.submit(sequence("the first request"));
        await(inFirstPass);

        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                scheduler.runAll(List.of(sequence("one of three"), sequence("two of three"),
                        sequence("three of three")));
            } catch (RuntimeException e) {
                failure.set(e);
                interruptFlag.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (scheduler.queueDepth() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(scheduler.queueDepth()).isEqualTo(3);
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(WAIT_S));
        assertThat(failure.get()).isInstanceOf(CancellationException.class)
                .hasMessageContaining("caller went away");
        assertThat(interruptFlag.get()).isTrue();

        release.countDown();
        float[] after = BatchScheduler.join(scheduler.submit(sequence("a later request")));
        assertThat(after).isNotEmpty();
        assertThat(scheduler.sequencesRun()).as("the first and the later request only").isEqualTo(2);
        assertThat(scheduler.abandoned()).isEqualTo(3);
    }

    private EncodedSequence sequence(String text) {
        return embedder.encode(EmbedRequest.of(MultimodalContent.text(text)));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_S, TimeUnit.SECONDS)) {
                throw new AssertionError("Latch not released within " + WAIT_S + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
