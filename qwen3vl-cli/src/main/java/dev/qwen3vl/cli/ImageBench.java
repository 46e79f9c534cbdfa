package dev.qwen3vl.cli;

import dev.qwen3vl.input.EncodedSequence;
import dev.qwen3vl.input.Patchifier;
import dev.qwen3vl.input.PixelPatches;
import dev.qwen3vl.input.PromptBuilder;
import dev.qwen3vl.input.Qwen3Tokenizer;
import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.input.SequenceEncoder;
import dev.qwen3vl.input.Visual;
import dev.qwen3vl.model.ModelInput;
import dev.qwen3vl.model.Qwen3VlConfig;
import dev.qwen3vl.model.Qwen3VlModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Image embedding throughput of the model (vision tower + decoder; decoding and resizing excluded): square images
 * whose side is a multiple of 32 go through the real prompt and position ids.
 */
final class ImageBench {

    private final PrintWriter out;
    private final Path tokenizerFolder;

    ImageBench(PrintWriter out, Path tokenizerFolder) {
        this.out = out;
        this.tokenizerFolder = tokenizerFolder;
    }

    void run(Qwen3VlModel model, int repeats, int[] sizes, int[] batches) {
        Qwen3VlConfig c = model.config();
        Qwen3VlConfig.VisionConfig v = c.vision();
        Patchifier patchifier = new Patchifier(v.patchSize(), v.temporalPatchSize(), v.spatialMergeSize());
        out.println();
        out.println("image forward (vision tower + DeepStack + decoder; preprocessing excluded)");
        out.println("size  batch | patches/img tokens | median s | images/s | GFLOP/s | ceiling GFLOP/s | % of ceiling | "
                + "vision attention share of FLOPs | peak RSS MiB");
        try (Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(tokenizerFolder)) {
            SequenceEncoder encoder = new SequenceEncoder(tokenizer, v.spatialMergeSize());
            for (int size : sizes) {
                PixelPatches patches = patchifier.image(pattern(size));
                EncodedSequence s = encoder.embedding(PromptBuilder.embedding(null, 0, 1, List.of()),
                        List.of(Visual.image(patches)), Integer.MAX_VALUE, false);
                for (int batchSize : batches) {
                    List<ModelInput> batch = new ArrayList<>();
                    for (int i = 0; i < batchSize; i++) {
                        batch.add(new ModelInput(s.ids(), s.positions(), s.patches()));
                    }
                    double before = GemmCeiling.measure(2048, 2048, 6144, 5);
                    double median = BenchCommand.medianSeconds(() -> model.lastTokenStates(batch), repeats);
                    double ceiling = (before + GemmCeiling.measure(2048, 2048, 6144, 5)) / 2;
                    long n = patches.patchCount();
                    double vision = Flops.vision(v, batchSize, n);
                    double attention = 4.0 * n * n * v.hiddenSize() * v.depth() * batchSize;
                    double flops = vision + Flops.decoder(c.text(), batchSize, s.length());
                    out.printf("%4d %6d | %11d %6d | %8.2f | %8.2f | %7.1f | %15.1f | %11.1f%% | %30.1f%% | %d%n",
                            size, batchSize, n, s.length(), median, batchSize / median, flops / median / 1e9,
                            ceiling / 1e9, 100 * flops / median / ceiling, 100 * attention / flops,
                            ProcessMemory.peakRssMiB());
                }
            }
        }
    }

    /** A deterministic colourful test pattern. */
    private static RgbImage pattern(int size) {
        byte[] rgb = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = (y * size + x) * 3;
                rgb[i] = (byte) (x * 255 / size);
                rgb[i + 1] = (byte) (y * 255 / size);
                rgb[i + 2] = (byte) ((x ^ y) & 0xff);
            }
        }
        return new RgbImage(size, size, rgb);
    }
}
