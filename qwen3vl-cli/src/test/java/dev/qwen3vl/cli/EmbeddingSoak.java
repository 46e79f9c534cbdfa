package dev.qwen3vl.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import dev.qwen3vl.input.Qwen3Tokenizer;
import dev.qwen3vl.langchain4j.Qwen3VlEmbeddingModel;
import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.model.Qwen3VlModel;
import dev.qwen3vl.testing.Fixtures;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Memory soak: many embedding calls (mixed text, image+text and video) through the LangChain4j
 * {@link Qwen3VlEmbeddingModel}, sampling heap used (after a GC), direct buffers, resident memory (VmRSS) and DJL's
 * live NDArray count, then the least-squares slope of each metric over the last half of the samples, with a verdict.
 *
 * <p>Usage (scripts/soak.sh): {@code EmbeddingSoak <tiny|2b> <calls> [samples]}. {@code tiny} is the test fixture
 * model; {@code 2b} is the real 2B architecture with seeded random weights and the tiny fixture's tokenizer (the same
 * vocabulary). Exit status 0 when every slope is flat within noise, 1 otherwise.
 */
public final class EmbeddingSoak {

    /** Metrics sampled; a slope counts as flat when its total drift over the last half is under these bounds. */
    private static final String[] METRICS = {"heap MiB", "direct MiB", "RSS MiB", "live NDArrays"};

    private EmbeddingSoak() {}

    public static void main(String[] args) throws Exception {
        String arch = args.length > 0 ? args[0] : "tiny";
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Path clip = Fixtures.root().resolve("video-file/clip.mp4");
        Path image = Fixtures.image("a_64x96.png");
        Qwen3VlEmbeddingModel model;
        Qwen3VlModel random = null;
        if (arch.equals("tiny")) {
            model = Qwen3VlEmbeddingModel.builder().modelPath(Fixtures.model()).build();
        } else {
            random = RandomWeights.model(Architectures.named(arch), 1, ModelOptions.cpu());
            Qwen3VlEmbedder embedder = Qwen3VlEmbedder.of(random, Qwen3Tokenizer.load(Fixtures.model()),
                    EngineSettings.defaults());
            model = Qwen3VlEmbeddingModel.builder().embedder(embedder).build();
        }
        System.out.printf(Locale.ROOT, "soak: %d embedding calls on the %s model (text 70%%, image+text 20%%, video "
                + "10%%), %d samples%n", calls, arch, samples);
        System.out.println("    call |  heap MiB | direct MiB |  RSS MiB | live NDArrays | calls/s");
        int every = Math.max(1, calls / samples);
        List<double[]> rows = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(42);
        long t0 = System.nanoTime();
        long last = t0;
        try (model) {
            for (int i = 1; i <= calls; i++) {
                int kind = r.nextInt(10);
                EmbeddingRequest request;
                String text = "soak call " + i + " " + "lighthouse ferry harbour ".repeat(1 + r.nextInt(8));
                if (kind < 7) {
                    request = EmbeddingRequest.builder().input(text).build();
                } else if (kind < 9) {
                    request = EmbeddingRequest.builder()
                            .input(ImageContent.from(image.toUri()), TextContent.from(text)).build();
                } else {
                    request = EmbeddingRequest.builder().input(VideoContent.from(clip.toUri())).build();
                }
                float[] v = model.embed(request).embeddings().get(0).vector();
                if (v.length == 0 || !Float.isFinite(v[0])) {
                    throw new IllegalStateException("call " + i + " gave a broken vector");
                }
                if (i % every == 0) {
                    System.gc();
                    long now = System.nanoTime();
                    double[] row = {i, heapMiB(), directMiB(), ProcessMemory.rssMiB(), liveArrays()};
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "%8d | %9.1f | %10.2f | %8.0f | %13.0f | %7.1f%n", i, row[1],
                            row[2], row[3], row[4], every / ((now - last) / 1e9));
                    last = now;
                }
            }
        } finally {
            if (random != null) {
                random.close();
            }
        }
        System.out.printf(Locale.ROOT, "%d calls in %.1f s%n", calls, (System.nanoTime() - t0) / 1e9);
        System.exit(verdict(rows) ? 0 : 1);
    }

    /**
     * Prints the slope of each metric over the last half of the samples (per 1,000 calls) and whether it is flat:
     * the drift the slope predicts over the last half must stay within 3 standard deviations of the residuals plus
     * a small absolute allowance (1 MiB of heap or direct memory, 16 MiB of RSS, 0 live arrays).
     */
    static boolean verdict(List<double[]> rows) {
        List<double[]> half = rows.subList(rows.size() / 2, rows.size());
        double[] allowance = {1, 1, 16, 0.5};
        boolean flat = true;
        System.out.println("metric        | slope per 1k calls (last half) | drift over last half | noise (3σ) | verdict");
        for (int m = 0; m < METRICS.length; m++) {
            int n = half.size();
            double mx = 0;
            double my = 0;
            for (double[] row : half) {
                mx += row[0] / n;
                my += row[m + 1] / n;
            }
            double sxy = 0;
            double sxx = 0;
            for (double[] row : half) {
                sxy += (row[0] - mx) * (row[m + 1] - my);
                sxx += (row[0] - mx) * (row[0] - mx);
            }
            double slope = sxx == 0 ? 0 : sxy / sxx;
            double ss = 0;
            for (double[] row : half) {
                double e = row[m + 1] - (my + slope * (row[0] - mx));
                ss += e * e;
            }
            double noise = 3 * Math.sqrt(ss / Math.max(1, n - 2));
            double drift = slope * (half.get(n - 1)[0] - half.get(0)[0]);
            boolean ok = Math.abs(drift) <= noise + allowance[m];
            flat &= ok;
            System.out.printf(Locale.ROOT, "%-13s | %30.4f | %20.3f | %10.3f | %s%n", METRICS[m], slope * 1000, drift,
                    noise, ok ? "flat" : "GROWING");
        }
        System.out.println(flat ? "verdict: flat within noise" : "verdict: growth beyond noise");
        return flat;
    }

    private static double heapMiB() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }

    private static double directMiB() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed() / 1048576.0;
            }
        }
        return -1;
    }

    /** NDArrays still open under DJL's system manager (walks the manager tree through its resource maps). */
    private static double liveArrays() throws ReflectiveOperationException {
        NDManager root;
        try (NDManager probe = Engine.getEngine("PyTorch").newBaseManager()) {
            root = probe.getParentManager();
        }
        Field resources = BaseNDManager.class.getDeclaredField("resources");
        resources.setAccessible(true);
        return count(root, resources, new IdentityHashMap<>());
    }

    private static long count(Object node, Field resources, Map<Object, Boolean> seen)
            throws ReflectiveOperationException {
        if (seen.put(node, Boolean.TRUE) != null || !(node instanceof BaseNDManager manager)) {
            return 0;
        }
        long n = 0;
        for (Object child : ((Map<?, ?>) resources.get(manager)).values()) {
            if (child instanceof NDArray) {
                n++;
            } else {
                n += count(child, resources, seen);
            }
        }
        return n;
    }
}
