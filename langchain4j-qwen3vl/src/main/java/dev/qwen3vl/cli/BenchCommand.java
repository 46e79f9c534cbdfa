package dev.qwen3vl.cli;

import ai.djl.ndarray.types.DataType;
import dev.qwen3vl.model.ModelInput;
import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.model.Quantization;
import dev.qwen3vl.model.Qwen3VlConfig;
import dev.qwen3vl.model.Qwen3VlModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code bin/qwen3vl bench}: throughput of the real Qwen3-VL architectures with seeded random weights, against
 * the float32 GEMM ceiling measured in the same process. Sections: {@code --text} (default), {@code --image},
 * {@code --concurrency N}, {@code --quantization-report}.
 */
final class BenchCommand {

    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    int run(Args args) {
        String arch = args.option("--arch", "2b");
        long seed = Long.parseLong(args.option("--seed", "42"));
        int repeats = Integer.parseInt(args.option("--repeats", "3"));
        Qwen3VlConfig config = Architectures.named(arch);
        ModelOptions options = new ModelOptions(args.option("--device", "cpu"), DataType.FLOAT32,
                Quantization.valueOf(args.option("--quantization", "NONE").toUpperCase(Locale.ROOT)),
                Long.parseLong(args.option("--max-attention-mib", "64")) << 20);
        boolean image = args.flag("--image");
        String concurrency = args.option("--concurrency", null);
        boolean quantizationReport = args.flag("--quantization-report");
        boolean checkpointLoad = args.flag("--load");
        boolean text = args.flag("--text") || !(image || concurrency != null || quantizationReport || checkpointLoad);

        out.printf("Qwen3-VL %s architecture, random weights (seed %d), %s, %s weights%n", arch,
                seed, options.device(), options.quantization());
        double ceiling = GemmCeiling.measure(2048, 2048, 6144, 7);
        out.printf("libtorch fp32 GEMM ceiling ([2048x2048]·[2048x6144], median of 7): %.1f GFLOP/s%n", ceiling / 1e9);
        if (quantizationReport) {
            new QuantizationReport(out, tokenizerFolder(args)).run(config, seed, options);
            return 0;
        }
        if (checkpointLoad) {
            checkpointLoad(arch, seed, options);
            return 0;
        }
        long rssBefore = ProcessMemory.rssMiB();
        long t0 = System.nanoTime();
        Qwen3VlModel model = Qwen3VlModel.random(config, seed, options);
        try {
            double load = (System.nanoTime() - t0) / 1e9;
            long weightsMiB = fp32WeightBytes(config) >> 20;
            out.printf("load %.1f s, fp32 weights %d MiB (embed_tokens is read row by row, never held), "
                            + "linear weights held %d MiB, RSS %d MiB (+%d)%n", load, weightsMiB,
                    model.linearWeightBytes() >> 20, ProcessMemory.rssMiB(), ProcessMemory.rssMiB() - rssBefore);
            SplittableRandom random = new SplittableRandom(seed);
            if (text) {
                text(model, config, random, shapes(args.option("--shapes", "1x128,8x256,16x512")), repeats);
                int soak = Integer.parseInt(args.option("--soak", "0"));
                if (soak > 0) {
                    soak(model, random, soak, weightsMiB);
                }
            }
            if (image) {
                new ImageBench(out, tokenizerFolder(args)).run(model, repeats,
                        ints(args.option("--image-sizes", "448,896")), ints(args.option("--batches", "1,8")));
            }
            if (concurrency != null) {
                new ConcurrencyBench(out, tokenizerFolder(args)).run(model, Integer.parseInt(concurrency),
                        Integer.parseInt(args.option("--requests", "64")),
                        Integer.parseInt(args.option("--request-tokens", "64")));
            }
        } finally {
            model.close();
        }
        return 0;
    }

    // the ceiling is measured again around every row (the mean of before and after), so that a noisy machine
    // shows in both numbers instead of skewing the ratio
    private void text(Qwen3VlModel model, Qwen3VlConfig config, SplittableRandom random, List<long[]> shapes,
            int repeats) {
        out.println();
        out.println("text forward (whole decoder incl. embedding lookup, final norm, pooling)");
        out.println("batch x len |  median s |  tokens/s | GFLOP/s | ceiling GFLOP/s | % of ceiling | peak RSS MiB");
        for (long[] shape : shapes) {
            List<ModelInput> batch = textBatch(random, (int) shape[0], (int) shape[1]);
            double before = GemmCeiling.measure(2048, 2048, 6144, 5);
            double median = medianSeconds(() -> model.lastTokenStates(batch), repeats);
            double local = (before + GemmCeiling.measure(2048, 2048, 6144, 5)) / 2;
            double flops = Flops.decoder(config.text(), shape[0], shape[1]);
            out.printf("%5d x %-4d | %9.3f | %9.1f | %7.1f | %15.1f | %11.1f%% | %d%n", shape[0], shape[1], median,
                    shape[0] * shape[1] / median, flops / median / 1e9, local / 1e9, 100 * flops / median / local,
                    ProcessMemory.peakRssMiB());
        }
    }

    // writes a BF16 checkpoint of the architecture (two shards), then loads it as a user would
    private void checkpointLoad(String arch, long seed, ModelOptions options) {
        Path dir = null;
        try {
            dir = java.nio.file.Files.createTempDirectory("qwen3vl-bench-checkpoint");
            long t0 = System.nanoTime();
            long bytes = RandomCheckpoint.write(dir.resolve("model"), arch, seed);
            out.printf("%nwrote a random BF16 checkpoint: %d MiB in 2 shards in %.1f s%n", bytes >> 20,
                    (System.nanoTime() - t0) / 1e9);
            long anonBefore = ProcessMemory.anonMiB();
            t0 = System.nanoTime();
            try (Qwen3VlModel model = Qwen3VlModel.load(dir.resolve("model"), options)) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                long fp32 = fp32WeightBytes(model.config()) >> 20;
                out.printf("loaded in %.1f s (%.0f MiB/s of checkpoint); fp32 weights held %d MiB;%n", seconds,
                        (bytes >> 20) / seconds, fp32);
                out.printf("resident after loading: anonymous %d MiB (+%d), file-backed %d MiB; peak resident %d MiB "
                        + "= %.2f x the fp32 weights%n", ProcessMemory.anonMiB(), ProcessMemory.anonMiB() - anonBefore,
                        ProcessMemory.fileMiB(), ProcessMemory.peakRssMiB(),
                        (double) ProcessMemory.peakRssMiB() / fp32);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }

    // RSS over many forwards: it must stay flat (no native growth per call)
    private void soak(Qwen3VlModel model, SplittableRandom random, int forwards, long weightsMiB) {
        out.println();
        out.printf("soak: %d forwards of 1 x 128%n", forwards);
        List<ModelInput> batch = textBatch(random, 1, 128);
        for (int i = 1; i <= forwards; i++) {
            model.lastTokenStates(batch);
            if (i == 1 || i % 25 == 0) {
                long rss = ProcessMemory.rssMiB();
                out.printf("  forward %4d: RSS %d MiB (%.2f x fp32 weights)%n", i, rss, (double) rss / weightsMiB);
            }
        }
    }

    /** One warm-up, then the median of {@code repeats} timed runs, in seconds. */
    static double medianSeconds(Runnable run, int repeats) {
        run.run();
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long s = System.nanoTime();
            run.run();
            seconds[i] = (System.nanoTime() - s) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[repeats / 2];
    }

    static List<ModelInput> textBatch(SplittableRandom random, int batch, int length) {
        List<ModelInput> inputs = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            long[] ids = new long[length];
            long[][] pos = new long[3][length];
            for (int i = 0; i < length; i++) {
                ids[i] = random.nextInt(150_000);
                pos[0][i] = i;
                pos[1][i] = i;
                pos[2][i] = i;
            }
            inputs.add(new ModelInput(ids, pos, List.of()));
        }
        return inputs;
    }

    /** fp32 bytes of every weight but embed_tokens (which is read row by row from the checkpoint). */
    static long fp32WeightBytes(Qwen3VlConfig c) {
        Qwen3VlConfig.TextConfig t = c.text();
        long h = t.hiddenSize();
        long q = (long) t.numHeads() * t.headDim();
        long kv = (long) t.numKvHeads() * t.headDim();
        long layer = h * q + 2 * h * kv + q * h + 3 * h * t.intermediateSize() + 2 * h + 2L * t.headDim();
        Qwen3VlConfig.VisionConfig v = c.vision();
        long d = v.hiddenSize();
        long block = 3 * d * d + 3 * d + d * d + d + 2 * d * v.intermediateSize() + v.intermediateSize() + d + 4 * d;
        long m = (long) v.spatialMergeSize() * v.spatialMergeSize() * d;
        long merger = m * m + m + v.outHiddenSize() * m + v.outHiddenSize() + 2 * m;
        long visual = v.depth() * block + (1 + v.deepstackVisualIndexes().length) * merger
                + (long) v.patchRowSize() * d + d + (long) v.numPositionEmbeddings() * d;
        return 4 * (t.numLayers() * layer + h + visual);
    }

    /** The folder whose tokenizer.json the image and concurrency benchmarks use (the real Qwen tokenizer). */
    private static Path tokenizerFolder(Args args) {
        String dir = args.option("--tokenizer", null);
        if (dir != null) {
            return Paths.get(dir);
        }
        return Paths.get(System.getProperty("qwen3vl.home", ".")).resolve("testdata/qwen3vl-tiny/tiny-model");
    }

    private static List<long[]> shapes(String spec) {
        List<long[]> out = new ArrayList<>();
        for (String s : spec.split(",")) {
            String[] bs = s.trim().toLowerCase(Locale.ROOT).split("x");
            if (bs.length != 2) {
                throw new IllegalArgumentException("Shapes look like 1x128,8x256; got '" + s + "'");
            }
            out.add(new long[] {Long.parseLong(bs[0]), Long.parseLong(bs[1])});
        }
        return out;
    }

    private static int[] ints(String spec) {
        return Arrays.stream(spec.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
