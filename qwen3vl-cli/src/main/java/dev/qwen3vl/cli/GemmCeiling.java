package dev.qwen3vl.cli;

import dev.qwen3vl.util.NativeLibraries;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** The float32 GEMM throughput of libtorch in this process: the ceiling a forward pass is compared against. */
final class GemmCeiling {

    private GemmCeiling() {}

    /** Median FLOP/s of {@code [m, k] · [k, n]} over {@code repeats} runs after one warm-up. */
    static double measure(long m, long k, long n, int repeats) {
        try (NDManager manager = NativeLibraries.torch().newBaseManager()) {
            NDArray a = manager.randomNormal(new Shape(m, k));
            NDArray b = manager.randomNormal(new Shape(k, n));
            a.matMul(b).close();
            double[] seconds = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                a.matMul(b).close();
                seconds[i] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(seconds);
            return 2.0 * m * k * n / seconds[repeats / 2];
        }
    }
}
