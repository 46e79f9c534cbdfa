package dev.qwen3vl.torch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.qwen3vl.util.NativeLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** Arrays cross between DJL and the preset by handle: right values, one owner, no leak, from several threads. */
class TensorBridgeTest {

    private static final int ROUND_TRIPS = 10_000;
    private static final int ELEMENTS = 64 * 1024; // 256 KiB per array: a leak of every trip would be 2.5 GiB

    @Test
    void a_result_handed_to_djl_outlives_the_preset_result_and_the_borrowed_view() {
        try (NDManager m = NativeLibraries.torch().newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            Tensor view = TensorBridge.borrow(x);
            assertThat(view.size(0)).isEqualTo(2);
            NDArray doubled = TensorBridge.adopt(m, view.mul(new org.bytedeco.pytorch.Scalar(2.0)));
            // the preset's own result is closed by adopt; DJL's array still holds the data
            assertThat(doubled.toFloatArray()).containsExactly(2, 4, 6, 8);
            doubled.close();
            assertThat(x.toFloatArray()).containsExactly(1, 2, 3, 4); // borrowing never frees DJL's tensor
        }
    }

    @Test
    void ten_thousand_round_trips_on_two_threads_do_not_leak() throws Exception {
        roundTrips(2, 500); // warm up allocator pools and code paths
        long before = residentBytes();
        roundTrips(2, ROUND_TRIPS);
        long growth = residentBytes() - before;
        assertThat(growth).as("RSS growth in bytes").isLessThan(64L << 20);
    }

    private static void roundTrips(int threads, int trips) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    try (NDManager m = NativeLibraries.torch().newBaseManager()) {
                        for (int i = 0; i < trips / threads; i++) {
                            try (NDArray x = m.ones(new Shape(ELEMENTS));
                                    NDArray y = Kernels.cast(x, org.bytedeco.pytorch.global.torch.ScalarType.BFloat16);
                                    NDArray back = Kernels.cast(y, org.bytedeco.pytorch.global.torch.ScalarType.Float)) {
                                if (i % 1000 == 0) {
                                    assertThat(back.getFloat(ELEMENTS - 1)).isEqualTo(1f);
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("No VmRSS in /proc/self/status");
    }
}
