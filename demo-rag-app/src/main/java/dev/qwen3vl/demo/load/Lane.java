package dev.qwen3vl.demo.load;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded lane of expensive requests (one kind, e.g. {@code ask}): at most {@code concurrency} run at once on the
 * lane's threads, at most {@code queue} wait; a further request is refused at once with a 429, and so is one that
 * would, by the lane's recent service times, not be answered before its deadline (it would only end in a 503 after
 * costing work) — unless the lane is idle. A request whose
 * deadline passes or whose client goes away is cancelled: taken out of the queue if it waits, interrupted if it runs
 * (the model's queue then drops its sequences before their forward pass).
 */
public final class Lane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

    private final String name;
    private final String setting;
    private final int concurrency;
    private final int queue;
    private final Duration retryAfter;
    private final ThreadPoolExecutor executor;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicInteger admitted = new AtomicInteger();
    private final LongSupplier nanoTime;
    private volatile long serviceNanos; // moving average of a request's time on a lane thread; 0 until one finished

    /**
     * @param name        what runs in it, e.g. {@code ask}, in messages and thread names
     * @param setting     the configuration prefix that sizes it, named in the 429 message
     * @param concurrency requests running at once
     * @param queue       requests waiting at most
     * @param retryAfter  the {@code Retry-After} of a refusal
     */
    public Lane(String name, String setting, int concurrency, int queue, Duration retryAfter) {
        this(name, setting, concurrency, queue, retryAfter, System::nanoTime);
    }

    /** As above, with the clock that times the work (tests). */
    Lane(String name, String setting, int concurrency, int queue, Duration retryAfter, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        if (concurrency < 1 || queue < 0) {
            throw new IllegalArgumentException(setting + ": concurrency must be at least 1 and the queue at least 0,"
                    + " got " + concurrency + " and " + queue);
        }
        this.name = name;
        this.setting = setting;
        this.concurrency = concurrency;
        this.queue = queue;
        this.retryAfter = retryAfter;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.SECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "demo-" + name + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Runs {@code work} in the lane and waits for it.
     *
     * @param work         the request's work
     * @param timeout      the request's deadline, from now
     * @param onClientGone registers the action to run when the client goes away
     * @return the work's result
     * @throws OverloadedException 429 if the lane is full, 503 if the deadline passed first
     * @throws CancellationException if the client went away
     */
    public <T> T call(Callable<T> work, Duration timeout, Consumer<Runnable> onClientGone) {
        long expected = expectedAnswerNanos();
        if (expected > timeout.toNanos()) {
            rejected.incrementAndGet();
            throw OverloadedException.tooMany("Too many " + name + " requests: with " + admitted.get() + " in the"
                    + " lane this one would be answered in about " + Math.round(expected / 1e9) + " s, past its"
                    + " deadline of "
                    + timeout.toSeconds() + " s (demo.limits.request-timeout); retry in " + retryAfter.toSeconds()
                    + " s", retryAfter);
        }
        FutureTask<T> task = new FutureTask<>(() -> timed(work));
        admitted.incrementAndGet();
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            admitted.decrementAndGet();
            rejected.incrementAndGet();
            throw OverloadedException.tooMany("Too many " + name + " requests: " + concurrency + " running and "
                    + queue + " waiting (" + setting + "-concurrency, " + setting + "-queue); retry in "
                    + retryAfter.toSeconds() + " s", retryAfter);
        }
        onClientGone.accept(() -> {
            if (cancel(task)) {
                LOG.info("The client of a {} request went away; its work was cancelled", name);
            }
        });
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel(task);
            throw new OverloadedException(503, "deadline_exceeded", "The " + name + " request was not answered within"
                    + " its deadline of " + timeout.toSeconds() + " s (demo.limits.request-timeout); its work was"
                    + " stopped. The server is busy: retry later", retryAfter);
        } catch (InterruptedException e) {
            cancel(task);
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while waiting for the " + name + " request");
        } catch (CancellationException e) {
            throw new CancellationException("The client of the " + name + " request went away");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private boolean cancel(FutureTask<?> task) {
        boolean done = task.cancel(true);
        if (executor.remove(task)) {
            admitted.decrementAndGet(); // never started: timed() does not run for it
        }
        if (done) {
            cancelled.incrementAndGet();
        }
        return done;
    }

    // runs the work on a lane thread and folds its duration into the moving average
    private <T> T timed(Callable<T> work) throws Exception {
        long start = nanoTime.getAsLong();
        try {
            return work.call();
        } finally {
            long took = nanoTime.getAsLong() - start;
            long average = serviceNanos;
            serviceNanos = average == 0 ? took : (average * 3 + took) / 4;
            admitted.decrementAndGet();
        }
    }

    // time until a request admitted now would be answered: the rounds of concurrency ahead of it, then its own
    // service time; 0 (admit) while the lane is idle or has not timed a request yet, so that it always makes progress
    private long expectedAnswerNanos() {
        long average = serviceNanos;
        int ahead = admitted.get();
        if (average == 0 || ahead == 0) {
            return 0;
        }
        return (long) (ahead / concurrency + 1) * average;
    }

    /** Requests refused because the lane was full. */
    public long rejected() {
        return rejected.get();
    }

    /** Requests cancelled (deadline passed or client gone) before they finished. */
    public long cancelled() {
        return cancelled.get();
    }

    /** Requests waiting now. */
    public int waiting() {
        return executor.getQueue().size();
    }

    /** Stops the lane's threads, interrupting running work. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
