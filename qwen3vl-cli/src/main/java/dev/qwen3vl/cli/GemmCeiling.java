package dev.qwen3vl.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.torch.Int8Linear;
import dev.qwen3vl.torch.Kernels;
import dev.qwen3vl.util.NativeLibraries;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The GEMM throughput of libtorch in this process, per element type: the ceiling a forward pass is compared
 * against. All run {@code [m, k] · [n, k]ᵀ} (a linear layer's layout) through the same kernels the model uses.
 */
final class GemmCeiling {

    private GemmCeiling() {}

    /** Median float32 FLOP/s of {@code [m, k] · [k, n]} over {@code repeats} runs after one warm-up. */
    static double measure(long m, long k, long n, int repeats) {
        return measure(ComputeType.FLOAT32, false, m, k, n, repeats);
    }

    /**
     * Median FLOP/s of a {@code [m, k] · [n, k]ᵀ} product in {@code type} (both operands in it), or with
     * {@code int8} libtorch's INT8 GEMM (float32 in and out, as {@link Int8Linear} runs it).
     */
    static double measure(ComputeType type, boolean int8, long m, long k, long n, int repeats) {
        try (NDManager manager = NativeLibraries.torch().newBaseManager()) {
            NDArray x32 = manager.randomNormal(new Shape(m, k));
            NDArray w32 = manager.randomNormal(new Shape(n, k));
            Int8Linear linear = int8 ? new Int8Linear(w32, null) : null;
            Supplier<NDArray> product;
            if (linear != null) {
                product = () -> linear.apply(x32);
            } else if (type == ComputeType.FLOAT32) {
                product = () -> Kernels.linear(x32, w32, null);
            } else {
                NDArray x = Kernels.cast(x32, type.scalarType());
                NDArray w = Kernels.cast(w32, type.scalarType());
                product = () -> Kernels.linear(x, w, null);
            }
            try {
                product.get().close();
                double[] seconds = new double[repeats];
                for (int i = 0; i < repeats; i++) {
                    long t0 = System.nanoTime();
                    product.get().close();
                    seconds[i] = (System.nanoTime() - t0) / 1e9;
                }
                Arrays.sort(seconds);
                return 2.0 * m * k * n / seconds[repeats / 2];
            } finally {
                if (linear != null) {
                    linear.close();
                }
            }
        }
    }
}
