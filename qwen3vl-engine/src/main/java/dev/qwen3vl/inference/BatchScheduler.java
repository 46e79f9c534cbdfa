package dev.qwen3vl.inference;

import dev.qwen3vl.input.EncodedSequence;
import dev.qwen3vl.model.ModelInput;
import dev.qwen3vl.model.Qwen3VlModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching: requests from any number of threads are queued and run by one worker thread, which waits
 * up to {@code maxWait} for company, sorts what it collected by length and runs it in forward passes of at most
 * {@code maxBatchSize} sequences and {@code maxBatchTokens} padded tokens. Results equal single-sequence runs
 * (right padding and a causal mask make padding invisible). A full queue rejects new requests with
 * {@link QueueFullException}. One worker thread also matches libtorch's use of all cores per operation.
 *
 * <p>A request nobody waits for any more costs no forward pass: one whose future was cancelled (the caller went
 * away; a caller interrupted in {@link #runAll} or {@link #join} cancels its futures) or whose deadline passed
 * (failed with {@link DeadlineExceededException}) is dropped when the worker reaches it, and counted in
 * {@link #abandoned()}.
 */
public final class BatchScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScheduler.class);

    private final Qwen3VlModel model;
    private final BatchingOptions options;
    private final BlockingQueue<Request> queue;
    private final Thread worker;
    private final AtomicLong forwardPasses = new AtomicLong();
    private final AtomicLong sequencesRun = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final List<BatchObserver> observers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** A queued sequence; {@code deadline} is a {@link System#nanoTime()} value, or null for none. */
    private record Request(EncodedSequence sequence, CompletableFuture<float[]> result, Long deadline) {

        /** Whether nobody waits for the result any more (cancelled, or failed by its deadline now). */
        boolean abandoned(long now) {
            if (result.isDone()) {
                return true;
            }
            if (deadline != null && now - deadline >= 0) {
                result.completeExceptionally(new DeadlineExceededException(
                        "The request's deadline passed before its forward pass; it was not run"));
                return true;
            }
            return false;
        }
    }

    /**
     * @param model the model all requests run on
     * @param options batch limits
     * @param name names the worker thread
     */
    public BatchScheduler(Qwen3VlModel model, BatchingOptions options, String name) {
        this.model = model;
        this.options = options;
        this.queue = new LinkedBlockingQueue<>(options.maxQueue());
        this.worker = new Thread(this::work, "qwen3vl-" + name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Adds an observer of forward passes. */
    public void addObserver(BatchObserver observer) {
        observers.add(observer);
    }

    /**
     * Queues one sequence; the future completes with its last token's final-normed hidden state.
     *
     * @throws QueueFullException if {@code maxQueue} requests are already waiting
     */
    public CompletableFuture<float[]> submit(EncodedSequence sequence) {
        return enqueue(sequence, null);
    }

    /**
     * Queues one sequence that is only worth running before {@code deadline}: if its forward pass has not started
     * by then, the future fails with {@link DeadlineExceededException} and the sequence is not run. Cancelling the
     * future also drops the sequence.
     *
     * @throws QueueFullException if {@code maxQueue} requests are already waiting
     */
    public CompletableFuture<float[]> submit(EncodedSequence sequence, Instant deadline) {
        long nanosLeft;
        try {
            nanosLeft = Duration.between(Instant.now(), deadline).toNanos();
        } catch (ArithmeticException e) {
            nanosLeft = deadline.isBefore(Instant.now()) ? Long.MIN_VALUE / 4 : Long.MAX_VALUE / 4;
        }
        return enqueue(sequence, System.nanoTime() + nanosLeft);
    }

    private CompletableFuture<float[]> enqueue(EncodedSequence sequence, Long deadline) {
        ensureOpen();
        Request r = new Request(sequence, new CompletableFuture<>(), deadline);
        if (!queue.offer(r)) {
            throw new QueueFullException(options.maxQueue());
        }
        return r.result();
    }

    /**
     * Runs all sequences (waiting for queue space rather than failing) and returns their states in order.
     * A failure of one sequence fails the call with that sequence's error. If the calling thread is interrupted
     * (its caller went away), the sequences not yet run are dropped and the call ends with a
     * {@link CancellationException}, the thread's interrupt flag set.
     */
    public List<float[]> runAll(List<EncodedSequence> sequences) {
        List<CompletableFuture<float[]>> futures = new ArrayList<>(sequences.size());
        try {
            for (EncodedSequence s : sequences) {
                ensureOpen();
                Request r = new Request(s, new CompletableFuture<>(), null);
                queue.put(r);
                futures.add(r.result());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(false));
            Thread.currentThread().interrupt();
            throw cancelled("queueing");
        }
        List<float[]> out = new ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(join(futures.get(i)));
            } catch (CancellationException e) {
                futures.subList(i, futures.size()).forEach(f -> f.cancel(false));
                throw e;
            }
        }
        return out;
    }

    /**
     * Waits for a result, unwrapping the cause of a failure. If the waiting thread is interrupted, the request is
     * cancelled (dropped before its forward pass if that has not started) and a {@link CancellationException} is
     * thrown with the thread's interrupt flag set.
     */
    public static float[] join(CompletableFuture<float[]> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(false);
            Thread.currentThread().interrupt();
            throw cancelled("waiting for a forward pass");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new CompletionException(e.getCause());
        }
    }

    private static CancellationException cancelled(String doing) {
        return new CancellationException("Interrupted while " + doing + ": the caller went away; its requests"
                + " are dropped");
    }

    /** Forward passes run so far. */
    public long forwardPasses() {
        return forwardPasses.get();
    }

    /** Sequences run so far. */
    public long sequencesRun() {
        return sequencesRun.get();
    }

    /** Requests dropped unrun so far: cancelled by their callers or past their deadlines. */
    public long abandoned() {
        return abandoned.get();
    }

    /** Requests waiting now. */
    public int queueDepth() {
        return queue.size();
    }

    private void work() {
        while (!closed) {
            List<Request> window;
            try {
                window = collect();
            } catch (InterruptedException e) {
                break;
            }
            window.sort(Comparator.comparingInt(r -> r.sequence().length()));
            for (List<Request> batch : plan(window)) {
                run(batch);
            }
        }
        Request r;
        while ((r = queue.poll()) != null) {
            r.result().completeExceptionally(new IllegalStateException("The Qwen3-VL model was closed"));
        }
    }

    // the first request, plus whatever arrives within maxWait, up to a few batches' worth
    private List<Request> collect() throws InterruptedException {
        List<Request> window = new ArrayList<>();
        window.add(queue.take());
        long deadline = System.nanoTime() + options.maxWait().toNanos();
        int limit = 4 * options.maxBatchSize();
        long tokens = window.get(0).sequence().length();
        while (window.size() < limit && tokens < 4L * options.maxBatchTokens()) {
            long left = deadline - System.nanoTime();
            Request next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            window.add(next);
            tokens += next.sequence().length();
        }
        return window;
    }

    // consecutive (length-sorted) requests while size and padded-token limits hold
    private List<List<Request>> plan(List<Request> sorted) {
        List<List<Request>> batches = new ArrayList<>();
        List<Request> current = new ArrayList<>();
        for (Request r : sorted) {
            int longest = r.sequence().length(); // sorted ascending
            boolean fits = current.size() < options.maxBatchSize()
                    && (long) (current.size() + 1) * longest <= options.maxBatchTokens();
            if (!current.isEmpty() && !fits) {
                batches.add(current);
                current = new ArrayList<>();
            }
            current.add(r);
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private void run(List<Request> planned) {
        long start = System.nanoTime();
        List<Request> batch = new ArrayList<>(planned.size());
        for (Request r : planned) {
            if (r.abandoned(start)) {
                abandoned.incrementAndGet();
            } else {
                batch.add(r);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() < planned.size()) {
            LOG.debug("Dropped {} abandoned request(s) before a forward pass", planned.size() - batch.size());
        }
        try {
            List<ModelInput> inputs = new ArrayList<>(batch.size());
            for (Request r : batch) {
                EncodedSequence s = r.sequence();
                inputs.add(new ModelInput(s.ids(), s.positions(), s.patches()));
            }
            float[][] states = model.lastTokenStates(inputs);
            record(batch, start);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(states[i]);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            LOG.warn("A batch of {} sequences failed ({}); running them one by one", batch.size(), e.toString());
            for (Request r : batch) {
                run(List.of(r));
            }
        }
    }

    private void record(List<Request> batch, long start) {
        long nanos = System.nanoTime() - start;
        forwardPasses.incrementAndGet();
        sequencesRun.addAndGet(batch.size());
        int tokens = 0;
        int longest = 0;
        for (Request r : batch) {
            tokens += r.sequence().length();
            longest = Math.max(longest, r.sequence().length());
        }
        for (BatchObserver o : observers) {
            o.onForwardPass(batch.size(), tokens, longest * batch.size(), nanos, queue.size());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The Qwen3-VL model was closed");
        }
    }

    /** Stops the worker after the running pass; waiting requests fail. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
