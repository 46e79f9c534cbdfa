package dev.qwen3vl.cli;

import dev.qwen3vl.util.NativeLibraries;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.qwen3vl.model.CpuFeatures;
import dev.qwen3vl.model.ModelInput;
import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.torch.LibTorch;
import dev.qwen3vl.model.Qwen3VlModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/qwen3vl doctor}: what this machine and JVM give the engine — Java, CPU features, libtorch (version,
 * the library file actually mapped, devices, threads), FFmpeg — and a forward pass of a tiny random model on the
 * chosen device that proves the whole stack runs. Exit 1 when any part fails.
 */
@Command(name = "doctor", description = "Check the native stack (libtorch, devices, FFmpeg) with a tiny forward pass.")
final class DoctorCommand implements Callable<Integer> {

    @Mixin
    private HelpOption help;

    @Spec
    private CommandSpec spec;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    private String device;

    @Option(names = "--dtype", defaultValue = "auto", paramLabel = "TYPE",
            description = "compute type of the tiny forward: auto (default), float32, bfloat16 or float16 (CUDA only)")
    private String dtype;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("java        %s (%s), %s %s, %d cores%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors());
        CpuFeatures cpu = CpuFeatures.current();
        out.printf("cpu         %s%n            features: %s%n", cpu.model(),
                cpu.flags().isEmpty() ? "(none known)" : String.join(" ", cpu.flags()));
        boolean ok = true;
        try {
            Engine engine = NativeLibraries.torch();
            out.printf("libtorch    %s (%s, from the PyTorch preset) via DJL %s, %s%n", engine.getVersion(),
                    LibTorch.flavor(), Engine.getDjlVersion(), mappedLibrary("libtorch_cpu.so"));
            out.printf("            folder %s; THP_MEM_ALLOC_ENABLE=%s%n", LibTorch.folder(),
                    System.getenv().getOrDefault("THP_MEM_ALLOC_ENABLE", "(unset: fresh large tensors page-fault)"));
            out.printf("devices     %d GPU(s); intra-op threads %d%n", engine.getGpuCount(), JniUtils.getNumThreads());
        } catch (RuntimeException | LinkageError e) {
            out.println("libtorch    FAILED: " + e.getMessage());
            return 1;
        }
        try {
            out.printf("ffmpeg      %s%n", org.bytedeco.ffmpeg.global.avutil.av_version_info().getString());
        } catch (RuntimeException | LinkageError e) {
            out.println("ffmpeg      FAILED (video input will not work): " + e.getMessage());
            ok = false;
        }
        ModelOptions options = ModelOptions.cpu().withDevice(device).withDtype(ComputeType.parse(dtype));
        try {
            ComputeType.Resolved auto = ComputeType.AUTO.resolve(!"cpu".equalsIgnoreCase(device.trim()), cpu);
            out.printf("dtype       auto resolves to %s here (%s)%n", auto.type().label(), auto.reason());
        } catch (IllegalArgumentException e) {
            out.println("dtype       " + e.getMessage());
        }
        long t0 = System.nanoTime();
        try (Qwen3VlModel model = RandomWeights.model(Architectures.named("tiny"), 1, options)) {
            ComputeType.Resolved used = model.computeType();
            List<ModelInput> batch = BenchCommand.textBatch(new SplittableRandom(1), 2, 16);
            float[][] states = model.lastTokenStates(batch);
            boolean finite = allFinite(states);
            out.printf("forward     tiny random model on %s as %s: %s in %.0f ms%n", options.device(),
                    used.type().label() + " (" + used.reason() + ")", finite ? "finite outputs" : "NON-FINITE outputs", (System.nanoTime() - t0) / 1e6);
            ok &= finite;
        } catch (RuntimeException e) {
            out.println("forward     FAILED on " + options.device() + ": " + e.getMessage());
            ok = false;
        }
        out.println(ok ? "ok" : "problems found");
        return ok ? 0 : 1;
    }

    private static boolean allFinite(float[][] states) {
        for (float[] row : states) {
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    // the file of a shared library as the process mapped it (Linux), which tells which libtorch really runs
    private static String mappedLibrary(String name) {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.endsWith("/" + name))
                    .map(line -> line.substring(line.indexOf('/')))
                    .findFirst().orElse(name + " not mapped");
        } catch (IOException e) {
            return "library path unknown (" + e.getMessage() + ")";
        }
    }
}
