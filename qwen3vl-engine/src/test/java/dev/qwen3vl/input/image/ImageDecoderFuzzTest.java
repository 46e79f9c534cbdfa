package dev.qwen3vl.input.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.Mutator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input for the hand-written decoders: seeded mutations of valid PNG, GIF, BMP, JPEG and WebP files go
 * through {@link ImageLoader}. Every input must end in an image within the limits or an
 * {@link InvalidImageException} naming the input; any other exception, an error (out of memory, stack overflow)
 * or an input that runs past a generous watchdog is a finding, saved under target/fuzz-findings. So is a decoder
 * bug (index out of bounds, negative array size, null pointer, arithmetic) that the loader's catch-all would
 * report as "corrupt data": the decoders check their inputs themselves.
 *
 * <p>Bounded by executions ({@code -Dqwen3vl.fuzz.executions}, default 2,000 per format; scripts/fuzz.sh runs
 * more), never by wall-clock time. The sequence depends only on {@code -Dqwen3vl.fuzz.seed}.
 */
class ImageDecoderFuzzTest {

    static final int EXECUTIONS = Integer.getInteger("qwen3vl.fuzz.executions", 2_000);
    static final long SEED = Long.getLong("qwen3vl.fuzz.seed", 16);
    /** Bound per input: a decoder that needs this long for a few-KiB input is hanging. */
    static final long WATCHDOG_SECONDS = 120;

    // a smaller pixel bound than the default keeps each execution cheap; the bound itself is tested elsewhere
    private static final ImageLoader LOADER = new ImageLoader(ImageLimits.builder().maxPixels(1 << 22).build());
    private static ExecutorService worker;

    @BeforeAll
    static void startWorker() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-decoder");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "gif", "bmp", "jpeg", "webp"})
    void every_mutated_input_decodes_or_fails_with_a_clear_error(String format) throws Exception {
        Mutator mutator = new Mutator(seeds(format), SEED * 31 + format.hashCode());
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            byte[] input = mutator.next();
            String name = format + "-input-" + i;
            Future<String> run = worker.submit(() -> decode(input, name));
            String outcome;
            try {
                outcome = run.get(WATCHDOG_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                run.cancel(true);
                outcome = "FINDING hang (no result after " + WATCHDOG_SECONDS + " s)";
            } catch (java.util.concurrent.ExecutionException e) {
                outcome = "FINDING " + e.getCause();
            }
            if (outcome.startsWith("FINDING")) {
                Path saved = save(name, input);
                findings.add(name + ": " + outcome + " (input saved as " + saved + ")");
                outcome = "FINDING";
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.printf("fuzz %s: %d executions, outcomes %s%n", format, EXECUTIONS, outcomes);
        assertThat(findings).as("inputs that neither decoded nor failed with a clear InvalidImageException")
                .isEmpty();
    }

    /** "decoded", "rejected: <cause class>" or "FINDING ..." for anything else. */
    private static String decode(byte[] input, String name) {
        try {
            RgbImage image = LOADER.load(ImageSource.ofBytes(input, name));
            if (image.width() <= 0 || image.height() <= 0
                    || (long) image.width() * image.height() > LOADER.limits().maxPixels()) {
                return "FINDING decoded to an image of " + image.width() + "x" + image.height();
            }
            return "decoded";
        } catch (InvalidImageException e) {
            if (e.getMessage() == null || !e.getMessage().contains(name)) {
                return "FINDING an error that does not name the input: " + e.getMessage();
            }
            Throwable cause = e.getCause();
            boolean catchAll = e.getMessage().contains("data is truncated or corrupt (");
            if (catchAll && (cause instanceof NegativeArraySizeException || cause instanceof IndexOutOfBoundsException
                    || cause instanceof NullPointerException || cause instanceof ArithmeticException
                    || cause instanceof ClassCastException || cause instanceof IllegalStateException)) {
                // the loader's catch-all turned a decoder bug into "corrupt": the decoder must check this itself
                return "FINDING a decoder bug reported as corrupt data: " + e.getMessage();
            }
            return "rejected" + (cause == null ? "" : " via " + cause.getClass().getSimpleName());
        } catch (RuntimeException | Error e) {
            return "FINDING " + e;
        }
    }

    private static Path save(String name, byte[] input) throws IOException {
        Path dir = Path.of("target", "fuzz-findings");
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name + ".bin"), input);
    }

    /** Valid small files of the format: written by the JDK's encoders, by EncodedImages, and the test resources. */
    static List<byte[]> seeds(String format) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        switch (format) {
            case "png" -> {
                seeds.add(Files.readAllBytes(Fixtures.image("a_64x96.png")));
                seeds.add(Files.readAllBytes(Fixtures.image("c_rgba_70x45.png")));
                seeds.add(jdk("png", picture(12, 9, BufferedImage.TYPE_INT_RGB)));
                seeds.add(jdk("png", picture(7, 5, BufferedImage.TYPE_BYTE_INDEXED)));
                seeds.add(jdk("png", picture(9, 4, BufferedImage.TYPE_USHORT_GRAY)));
                seeds.add(EncodedImages.png(3, 2, 2, 3, new byte[][] {{(byte) 0x1b}, {(byte) 0xe4}},
                        EncodedImages.bytes(255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9), EncodedImages.bytes(0, 128)));
            }
            case "gif" -> {
                seeds.add(jdk("gif", picture(10, 7, BufferedImage.TYPE_BYTE_INDEXED)));
                byte[] palette = new byte[768];
                for (int i = 0; i < palette.length; i++) {
                    palette[i] = (byte) (i * 7);
                }
                byte[] indices = new byte[6 * 5];
                for (int i = 0; i < indices.length; i++) {
                    indices[i] = (byte) (i * 11);
                }
                seeds.add(EncodedImages.gif(8, 6, palette, 1, 1, 6, 5, indices, 3));
                seeds.add(EncodedImages.gif(6, 5, palette, 0, 0, 6, 5, indices, -1, true));
            }
            case "bmp" -> {
                seeds.add(jdk("bmp", picture(9, 6, BufferedImage.TYPE_INT_RGB)));
                seeds.add(jdk("bmp", picture(5, 3, BufferedImage.TYPE_BYTE_INDEXED)));
                seeds.add(EncodedImages.bmp32(3, 2, 0xff0000, 0xff00, 0xff, 0xff000000L,
                        new long[] {0x11223344L, 0x55667788L, 0x99aabbccL, 0xddeeff00L, 0x01020304L, 0xf0e0d0c0L}));
                seeds.add(EncodedImages.bmp16(3, 2, 0xf800, 0x7e0, 0x1f, new long[] {1, 2, 3, 4, 5, 0xffff}));
            }
            case "jpeg" -> {
                for (String f : List.of("a_64x96_rgb.jpg", "a_64x96_grey.jpg", "b_100x150_progressive_icc.jpg")) {
                    seeds.add(resource(f));
                }
                seeds.add(jdk("jpg", picture(16, 12, BufferedImage.TYPE_INT_RGB)));
            }
            case "webp" -> {
                for (String f : List.of("a_64x96_lossless.webp", "b_100x150_lossy.webp", "c_rgba_70x45_lossless.webp")) {
                    seeds.add(resource(f));
                }
            }
            default -> throw new IllegalArgumentException(format);
        }
        return seeds;
    }

    private static byte[] resource(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/image-input", name));
    }

    private static BufferedImage picture(int w, int h, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 40) << 16 | (y * 60) << 8 | ((x + y) * 25 & 0xff));
            }
        }
        return image;
    }

    private static byte[] jdk(String format, BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no JDK writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
