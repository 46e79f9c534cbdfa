package dev.qwen3vl.cli;

import dev.qwen3vl.inference.BatchingOptions;
import dev.qwen3vl.inference.EmbedRequest;
import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import dev.qwen3vl.input.Qwen3Tokenizer;
import dev.qwen3vl.model.Qwen3VlModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many callers embedding texts at once through the dynamic batching scheduler, against one caller at a time:
 * throughput and latency percentiles.
 */
final class ConcurrencyBench {

    private static final String[] WORDS = {"retrieval", "image", "video", "search", "vector", "model", "query",
        "document", "screenshot", "answer", "page", "table", "the", "of", "and", "with"};

    private final PrintWriter out;
    private final Path tokenizerFolder;

    ConcurrencyBench(PrintWriter out, Path tokenizerFolder) {
        this.out = out;
        this.tokenizerFolder = tokenizerFolder;
    }

    void run(Qwen3VlModel model, int threads, int requests, int words) throws RuntimeException {
        SplittableRandom random = new SplittableRandom(7);
        List<EmbedRequest> inputs = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words + random.nextInt(words / 2 + 1); w++) {
                sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            inputs.add(EmbedRequest.of(MultimodalContent.text(sb.toString())));
        }
        EngineSettings settings = EngineSettings.defaults()
                .withBatching(new BatchingOptions(16, 4096, Duration.ofMillis(10), 4096));
        Qwen3VlEmbedder embedder = Qwen3VlEmbedder.of(model, Qwen3Tokenizer.load(tokenizerFolder), settings);
        try {
            out.println();
            out.printf("concurrent text embeddings: %d requests of about %d words; batch <= 16, <= 4096 tokens, "
                    + "max wait 10 ms%n", requests, words);
            out.println("callers | wall s | requests/s | p50 ms | p99 ms | forward passes | mean batch");
            embedder.embed(inputs.get(0));
            measure(embedder, 1, inputs.subList(0, Math.max(threads, requests / 4)));
            measure(embedder, threads, inputs);
        } finally {
            embedder.close();
        }
    }

    private void measure(Qwen3VlEmbedder embedder, int threads, List<EmbedRequest> inputs) {
        long passesBefore = embedder.scheduler().forwardPasses();
        long sequencesBefore = embedder.scheduler().sequencesRun();
        double[] latencies = new double[inputs.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = thread; i < inputs.size(); i += threads) {
                        long s = System.nanoTime();
                        embedder.embed(inputs.get(i));
                        latencies[i] = (System.nanoTime() - s) / 1e6;
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Benchmark call failed", e);
        } finally {
            pool.shutdown();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        long passes = embedder.scheduler().forwardPasses() - passesBefore;
        long sequences = embedder.scheduler().sequencesRun() - sequencesBefore;
        out.printf("%7d | %6.1f | %10.2f | %6.0f | %6.0f | %14d | %10.1f%n", threads, wall, inputs.size() / wall,
                percentile(latencies, 0.50), percentile(latencies, 0.99), passes, (double) sequences / passes);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
}
