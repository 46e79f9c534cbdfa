package dev.qwen3vl.cli;

import dev.qwen3vl.util.NativeLibraries;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.model.Qwen3VlConfig;
import dev.qwen3vl.model.Qwen3VlModel;
import dev.qwen3vl.model.WeightSource;
import java.util.SplittableRandom;

/**
 * Seeded random weights of any shape, for benchmarks of the real architectures without a download: normal
 * values with a small standard deviation, norm weights near one. The untied {@code lm_head} is absent.
 */
final class RandomWeights implements WeightSource {

    private final long seed;
    private final float std;
    private long bytes;

    /**
     * @param seed seeds libtorch's generator and the embedding rows
     * @param std standard deviation of the weights
     */
    RandomWeights(long seed, float std) {
        this.seed = seed;
        this.std = std;
        NativeLibraries.torch().setRandomSeed((int) seed);
    }

    /** A model of {@code config}'s architecture with seeded random weights (standard deviation 0.02). */
    static Qwen3VlModel model(Qwen3VlConfig config, long seed, ModelOptions options) {
        return Qwen3VlModel.load("random " + config.text().hiddenSize() + "-d model (seed " + seed + ")", config,
                new RandomWeights(seed, 0.02f), options);
    }

    @Override
    public boolean has(String key) {
        return !key.equals("lm_head.weight");
    }

    @Override
    public void checkShape(String key, long... expected) {
        // any shape exists
    }

    @Override
    public NDArray load(NDManager manager, DataType type, String key, long... expected) {
        Shape shape = new Shape(expected);
        bytes += shape.size() * 2;
        if (key.endsWith("norm.weight") || key.endsWith("norm1.weight") || key.endsWith("norm2.weight")
                || key.endsWith("layernorm.weight")) {
            try (NDArray noise = manager.randomNormal(0f, std, shape, type)) {
                return noise.add(1f);
            }
        }
        return manager.randomNormal(0f, std, shape, type);
    }

    @Override
    public NDArray loadConcat(NDManager manager, DataType type, String[] keys, long[][] expected) {
        long rows = 0;
        for (long[] e : expected) {
            rows += e[0];
        }
        long[] shape = expected[0].clone();
        shape[0] = rows;
        return load(manager, type, keys[0], shape);
    }

    @Override
    public void readRow(String key, long row, int width, float[] dst, int offset) {
        SplittableRandom r = new SplittableRandom(seed * 31 + key.hashCode() * 1_000_003L + row);
        for (int i = 0; i < width; i++) {
            dst[offset + i] = (float) gaussian(r);
        }
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(r.nextDouble(), 1e-12);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Override
    public long storedBytes() {
        return bytes;
    }

    @Override
    public void close() {
        // nothing held
    }
}
