package dev.qwen3vl.cli;

import dev.qwen3vl.model.ModelInput;
import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.CpuFeatures;
import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.model.Quantization;
import dev.qwen3vl.model.Qwen3VlConfig;
import dev.qwen3vl.model.Qwen3VlModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code bin/qwen3vl bench}: throughput of the real Qwen3-VL architectures with seeded random weights, against
 * the float32 GEMM ceiling measured in the same process. Sections: {@code --text} (default), {@code --image},
 * {@code --concurrency N}, {@code --load}, {@code --quantization-report}.
 */
@Command(name = "bench", sortOptions = false,
        description = "Throughput of the real 2B/8B architectures with random weights against the GEMM ceiling.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    private HelpOption help;

    @Spec
    private CommandSpec spec;

    @Option(names = "--text", description = "text forward passes at --shapes (the default section)")
    private boolean text;

    @Option(names = "--image", description = "image forward passes at --image-sizes x --batches")
    private boolean image;

    @Option(names = "--concurrency", paramLabel = "N", description = "N callers at once through the batching scheduler")
    private Integer concurrency;

    @Option(names = "--load", description = "write a random BF16 checkpoint and load it (time, resident memory)")
    private boolean checkpointLoad;

    @Option(names = "--quantization-report", description = "every weight storage: memory, speed, cosine to float32")
    private boolean quantizationReport;

    @Option(names = "--arch", defaultValue = "2b", description = "2b, 8b or a folder with a config.json (default ${DEFAULT-VALUE})")
    private String arch;

    @Option(names = "--shapes", defaultValue = "1x128,8x256,16x512", split = ",", converter = Shape.Converter.class,
            description = "text batch x length (default ${DEFAULT-VALUE})")
    private List<Shape> shapes;

    @Option(names = "--image-sizes", defaultValue = "448,896", split = ",", description = "image sides (default ${DEFAULT-VALUE})")
    private int[] imageSizes;

    @Option(names = "--batches", defaultValue = "1,8", split = ",", description = "images per forward (default ${DEFAULT-VALUE})")
    private int[] batches;

    @Option(names = "--repeats", defaultValue = "3", description = "timed runs per row, after a warm-up (default ${DEFAULT-VALUE})")
    private int repeats;

    @Option(names = "--soak", defaultValue = "0", paramLabel = "N", description = "N more 1x128 forwards, watching RSS")
    private int soak;

    @Option(names = "--requests", defaultValue = "64", description = "requests of the concurrency section (default ${DEFAULT-VALUE})")
    private int requests;

    @Option(names = "--request-tokens", defaultValue = "64", description = "words per request (default ${DEFAULT-VALUE})")
    private int requestTokens;

    @Option(names = "--seed", defaultValue = "42", description = "random weights' seed (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    private String device;

    @Option(names = "--quantization", defaultValue = "NONE", description = "linear weights: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    private Quantization quantization;

    @Option(names = "--dtype", defaultValue = "auto", paramLabel = "TYPE",
            description = "compute type: auto, float32, bfloat16 or float16 (CUDA only) (default ${DEFAULT-VALUE})")
    private String dtype;

    @Option(names = "--compare-dtypes", description = "text rows for float32, bfloat16 and int8 (float32 activations,"
            + " INT8 GEMM) in one run, each against its own GEMM ceiling, then the speedups over float32")
    private boolean compareDtypes;

    @Option(names = "--attention", description = "fused scaled_dot_product_attention against explicit matmul + mask +"
            + " softmax + matmul (causal, 16 heads x 128, at 256, 1024 and 2048 tokens)")
    private boolean attention;

    @Option(names = "--tokenizer", paramLabel = "DIR", description = "tokenizer.json folder for --image and --concurrency (default: the tiny fixture's)")
    private Path tokenizer;

    private PrintWriter out;

    /** A text batch shape, {@code BATCHxLENGTH}. */
    record Shape(int batch, int length) {
        static final class Converter implements ITypeConverter<Shape> {
            @Override
            public Shape convert(String value) {
                String[] bs = value.trim().toLowerCase(Locale.ROOT).split("x");
                if (bs.length != 2) {
                    throw new TypeConversionException("shapes look like 1x128,8x256; got '" + value + "'");
                }
                return new Shape(Integer.parseInt(bs[0]), Integer.parseInt(bs[1]));
            }
        }
    }

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        Qwen3VlConfig config = Architectures.named(arch);
        ModelOptions options = new ModelOptions(device, ComputeType.parse(dtype), quantization, null, 0L);
        boolean textSection =
                text || !(image || concurrency != null || quantizationReport || checkpointLoad || attention);
        CpuFeatures cpu = CpuFeatures.current();
        ComputeType.Resolved resolved = options.resolvedDtype(cpu);

        out.printf("Qwen3-VL %s architecture, random weights (seed %d), %s, %s weights, compute type %s (%s)%n", arch,
                seed, options.device(), options.quantization(), resolved.type().label(), resolved.reason());
        out.printf("cpu: %s, features %s; THP_MEM_ALLOC_ENABLE=%s%n", cpu.model(), String.join(" ", cpu.flags()),
                System.getenv().getOrDefault("THP_MEM_ALLOC_ENABLE", "(unset)"));
        if (!cpu.has("avx512_bf16") && !cpu.has("amx_bf16")) {
            out.println("note: this CPU has neither avx512_bf16 nor AMX: libtorch's bfloat16 GEMMs emulate bf16 with"
                    + " float32 arithmetic here, so bfloat16 is not expected to be faster than float32");
        }
        for (DtypeVariant v : DtypeVariant.ALL) {
            out.printf("libtorch %-8s GEMM ceiling ([2048x2048]·[2048x6144], median of 5): %.1f GFLOP/s%n", v.label(),
                    v.ceiling(5) / 1e9);
        }
        if (attention) {
            AttentionBench.run(out, repeats);
        }
        if (compareDtypes) {
            compareDtypes(config, options);
            return 0;
        }
        if (attention && !textSection) {
            return 0;
        }
        if (quantizationReport) {
            new QuantizationReport(out, tokenizerFolder()).run(config, seed, options);
            return 0;
        }
        if (checkpointLoad) {
            checkpointLoad(seed, options);
            return 0;
        }
        long rssBefore = ProcessMemory.rssMiB();
        long t0 = System.nanoTime();
        try (Qwen3VlModel model = RandomWeights.model(config, seed, options)) {
            double load = (System.nanoTime() - t0) / 1e9;
            long weightsMiB = fp32WeightBytes(config) >> 20;
            out.printf("load %.1f s, fp32 weights %d MiB (embed_tokens is read row by row, never held), "
                            + "linear weights held %d MiB, RSS %d MiB (+%d)%n", load, weightsMiB,
                    model.linearWeightBytes() >> 20, ProcessMemory.rssMiB(), ProcessMemory.rssMiB() - rssBefore);
            SplittableRandom random = new SplittableRandom(seed);
            if (textSection) {
                text(model, config, random);
                if (soak > 0) {
                    soak(model, random, soak, weightsMiB);
                }
            }
            if (image) {
                new ImageBench(out, tokenizerFolder()).run(model, repeats, imageSizes, batches);
            }
            if (concurrency != null) {
                new ConcurrencyBench(out, tokenizerFolder()).run(model, concurrency, requests, requestTokens);
            }
        }
        return 0;
    }

    // the ceiling is measured again around every row (the mean of before and after), so that a noisy machine
    // shows in both numbers instead of skewing the ratio
    private void text(Qwen3VlModel model, Qwen3VlConfig config, SplittableRandom random) {
        text(model, config, random, DtypeVariant.of(model));
    }

    private List<double[]> text(Qwen3VlModel model, Qwen3VlConfig config, SplittableRandom random, DtypeVariant v) {
        out.println();
        out.printf("text forward in %s (whole decoder incl. embedding lookup, final norm, pooling)%n", v.label());
        out.println("batch x len |  median s |  tokens/s | GFLOP/s | ceiling GFLOP/s | % of ceiling | peak RSS MiB");
        List<double[]> rows = new ArrayList<>();
        for (Shape shape : shapes) {
            List<ModelInput> batch = textBatch(random, shape.batch(), shape.length());
            double before = v.ceiling(3);
            double median = medianSeconds(() -> model.lastTokenStates(batch), repeats);
            double local = (before + v.ceiling(3)) / 2;
            double flops = Flops.decoder(config.text(), shape.batch(), shape.length());
            double tokens = (double) shape.batch() * shape.length() / median;
            out.printf("%5d x %-4d | %9.3f | %9.1f | %7.1f | %15.1f | %11.1f%% | %d%n", shape.batch(), shape.length(),
                    median, tokens, flops / median / 1e9, local / 1e9, 100 * flops / median / local,
                    ProcessMemory.peakRssMiB());
            rows.add(new double[] {tokens, flops / median / local});
        }
        return rows;
    }

    // float32, bfloat16 and int8 one after the other (one model loaded at a time), then the speedups
    private void compareDtypes(Qwen3VlConfig config, ModelOptions base) {
        java.util.Map<DtypeVariant, List<double[]>> results = new java.util.LinkedHashMap<>();
        for (DtypeVariant v : DtypeVariant.ALL) {
            try (Qwen3VlModel model = RandomWeights.model(config, seed, v.options(base))) {
                out.printf("%n%s: linear weights held %d MiB%n", v.label(), model.linearWeightBytes() >> 20);
                results.put(v, text(model, config, new SplittableRandom(seed), v));
            }
        }
        out.println();
        List<double[]> reference = results.get(DtypeVariant.FLOAT32);
        for (int i = 0; i < shapes.size(); i++) {
            for (DtypeVariant v : DtypeVariant.ALL) {
                if (v == DtypeVariant.FLOAT32) {
                    continue;
                }
                double[] row = results.get(v).get(i);
                out.printf("speedup %s/float32 %dx%d: %.2fx (%s at %.0f%% of its GEMM ceiling)%n", v.label(),
                        shapes.get(i).batch(), shapes.get(i).length(), row[0] / reference.get(i)[0], v.label(),
                        100 * row[1]);
            }
        }
    }

    /** The compute paths compared by {@code --compare-dtypes}. */
    enum DtypeVariant {
        FLOAT32("float32", ComputeType.FLOAT32, false),
        BFLOAT16("bfloat16", ComputeType.BFLOAT16, false),
        INT8("int8", ComputeType.FLOAT32, true);

        static final List<DtypeVariant> ALL = List.of(values());

        private final String label;
        private final ComputeType type;
        private final boolean int8;

        DtypeVariant(String label, ComputeType type, boolean int8) {
            this.label = label;
            this.type = type;
            this.int8 = int8;
        }

        String label() {
            return label;
        }

        static DtypeVariant of(Qwen3VlModel model) {
            if (model.options().quantization() == Quantization.INT8) {
                return INT8;
            }
            return model.computeType().type() == ComputeType.BFLOAT16 ? BFLOAT16 : FLOAT32;
        }

        ModelOptions options(ModelOptions base) {
            return base.withDtype(type).withQuantization(int8 ? Quantization.INT8 : Quantization.NONE);
        }

        double ceiling(int repeats) {
            return GemmCeiling.measure(type, int8, 2048, 2048, 6144, repeats);
        }
    }

    // writes a BF16 checkpoint of the architecture (two shards), then loads it as a user would
    private void checkpointLoad(long seed, ModelOptions options) {
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
    private Path tokenizerFolder() {
        if (tokenizer != null) {
            return tokenizer;
        }
        return Paths.get(System.getProperty("qwen3vl.home", ".")).resolve("testdata/qwen3vl-tiny/tiny-model");
    }
}
