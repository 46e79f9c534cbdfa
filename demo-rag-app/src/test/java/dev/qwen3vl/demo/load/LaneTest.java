package dev.qwen3vl.demo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lane bounds running and waiting requests, and work whose deadline passed or whose client went away is never
 * started (or is interrupted). A first request holds the lane's only thread on a latch.
 */
class LaneTest {

    private static final Duration LONG = Duration.ofMinutes(2);

    private final Lane lane = new Lane("ask", "demo.limits.ask", 1, 1, Duration.ofSeconds(7));
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean holderInterrupted = new AtomicBoolean();

    @AfterEach
    void close() {
        release.countDown();
        lane.close();
    }

    @Test
    void a_full_lane_refuses_with_429_and_retry_after() throws Exception {
        CompletableFuture<String> holder = holdTheLane();
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(
                () -> lane.call(() -> "second", LONG, gone -> { }));
        awaitWaiting(1);

        assertThatThrownBy(() -> lane.call(() -> "third", LONG, gone -> { }))
                .isInstanceOfSatisfying(OverloadedException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isEqualTo(7);
                    assertThat(e.getMessage()).contains("1 running and 1 waiting", "demo.limits.ask-queue");
                });
        assertThat(lane.rejected()).isEqualTo(1);

        release.countDown();
        assertThat(holder.get(2, TimeUnit.MINUTES)).isEqualTo("held");
        assertThat(waiting.get(2, TimeUnit.MINUTES)).isEqualTo("second");
    }

    @Test
    void work_past_its_deadline_is_never_started() throws Exception {
        holdTheLane();
        AtomicBoolean ran = new AtomicBoolean();
        assertThatThrownBy(() -> lane.call(() -> ran.getAndSet(true), Duration.ZERO, gone -> { }))
                .isInstanceOfSatisfying(OverloadedException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.error()).isEqualTo("deadline_exceeded");
                });
        assertThat(lane.waiting()).as("taken out of the queue").isZero();
        release.countDown();
        assertThat(lane.call(() -> "after", LONG, gone -> { })).isEqualTo("after");
        assertThat(ran).isFalse();
        assertThat(lane.cancelled()).isEqualTo(1);
    }

    @Test
    void work_of_a_client_that_went_away_is_dropped_while_waiting() throws Exception {
        holdTheLane();
        AtomicBoolean ran = new AtomicBoolean();
        AtomicReference<Runnable> clientGone = new AtomicReference<>();
        CompletableFuture<Boolean> call = CompletableFuture.supplyAsync(
                () -> lane.call(() -> ran.getAndSet(true), LONG, clientGone::set));
        awaitWaiting(1);
        clientGone.get().run();
        assertThatThrownBy(() -> call.get(2, TimeUnit.MINUTES)).hasCauseInstanceOf(CancellationException.class);
        assertThat(lane.waiting()).isZero();
        release.countDown();
        assertThat(lane.call(() -> "after", LONG, gone -> { })).isEqualTo("after");
        assertThat(ran).isFalse();
    }

    @Test
    void running_work_of_a_client_that_went_away_is_interrupted() throws Exception {
        AtomicReference<Runnable> clientGone = new AtomicReference<>();
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> lane.call(this::holdUntilReleased,
                LONG, clientGone::set));
        assertThat(running.await(2, TimeUnit.MINUTES)).isTrue();
        awaitRegistered(clientGone);
        clientGone.get().run();
        assertThatThrownBy(() -> call.get(2, TimeUnit.MINUTES)).hasCauseInstanceOf(CancellationException.class);
        // the lane's thread is free again once the held work has seen its interrupt
        assertThat(lane.call(() -> "after", LONG, gone -> { })).isEqualTo("after");
        assertThat(holderInterrupted).isTrue();
    }

    @Test
    void a_request_that_would_not_be_answered_before_its_deadline_is_refused_at_once() throws Exception {
        AtomicLong clock = new AtomicLong();
        try (Lane timed = new Lane("chat", "demo.limits.chat", 1, 4, Duration.ofSeconds(3), clock::get)) {
            Duration deadline = Duration.ofSeconds(25);
            // one request took 10 s on the lane's clock
            timed.call(() -> clock.addAndGet(Duration.ofSeconds(10).toNanos()), deadline, gone -> { });
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> timed.call(() -> {
                started.countDown();
                release.await();
                return "held";
            }, deadline, gone -> { }));
            assertThat(started.await(2, TimeUnit.MINUTES)).isTrue();
            // one ahead: answered in about 10 + 10 s, within 25 s: it waits
            CompletableFuture<String> second = CompletableFuture.supplyAsync(
                    () -> timed.call(() -> "second", deadline, gone -> { }));
            long until = System.nanoTime() + LONG.toNanos();
            while (timed.waiting() < 1 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(timed.waiting()).isEqualTo(1);
            // two ahead: about 30 s, past the deadline, though the queue has room
            assertThatThrownBy(() -> timed.call(() -> "third", deadline, gone -> { }))
                    .isInstanceOfSatisfying(OverloadedException.class, e -> {
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.getMessage()).contains("about 30 s", "deadline of 25 s");
                    });
            release.countDown();
            assertThat(holder.get(2, TimeUnit.MINUTES)).isEqualTo("held");
            assertThat(second.get(2, TimeUnit.MINUTES)).isEqualTo("second");
            // idle again: admitted even though the recent service time (several seconds) exceeds a 1 s deadline
            assertThat(timed.call(() -> "idle", Duration.ofSeconds(1), gone -> { })).isEqualTo("idle");
        }
    }

    private CompletableFuture<String> holdTheLane() throws InterruptedException {
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(
                () -> lane.call(this::holdUntilReleased, LONG, gone -> { }));
        assertThat(running.await(2, TimeUnit.MINUTES)).isTrue();
        return holder;
    }

    private String holdUntilReleased() {
        running.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            holderInterrupted.set(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        return "held";
    }

    private void awaitWaiting(int count) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (lane.waiting() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(lane.waiting()).isEqualTo(count);
    }

    private static void awaitRegistered(AtomicReference<Runnable> hook) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (hook.get() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(hook.get()).isNotNull();
    }
}
