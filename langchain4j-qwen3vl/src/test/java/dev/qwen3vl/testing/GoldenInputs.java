package dev.qwen3vl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.input.Patchifier;
import dev.qwen3vl.input.PixelPatches;
import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.input.Visual;
import dev.qwen3vl.input.image.PillowBicubic;
import dev.qwen3vl.input.image.SmartResize;
import dev.qwen3vl.model.SafetensorsFile;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Visual inputs of the golden cases, taken from the golden pixel values (so that model parity is checked
 * independently of image preprocessing), or for images without stored values preprocessed from the 8-bit RGB
 * PNG (reference rules: smart_resize, Pillow bicubic, patchify).
 */
public final class GoldenInputs implements AutoCloseable {

    private final SafetensorsFile golden = SafetensorsFile.open(Fixtures.root().resolve("golden.safetensors"));

    /** The image's patches. */
    public Visual image(String name) {
        String key = "pixel_values/" + name;
        if (golden.info(key) != null) {
            int[] grid = grid(name);
            return Visual.image(new PixelPatches(golden.readFloats(key), grid[0], grid[1], grid[2], 1536));
        }
        RgbImage rgb = readRgb(Fixtures.image(name));
        int[] hw = SmartResize.compute(rgb.height(), rgb.width(), 32, 4096, 1_843_200);
        return Visual.image(new Patchifier(16, 2, 2).image(PillowBicubic.resize(rgb, hw[1], hw[0])));
    }

    /** The golden frame-list video (its stored pixel values, grid and timestamps). */
    public Visual video() {
        JsonNode v = Fixtures.golden().path("video");
        JsonNode g = v.path("grid_thw");
        List<String> ts = new ArrayList<>();
        v.path("timestamps").forEach(t -> ts.add(t.asText()));
        float[] values = golden.readFloats(v.path("pixel_values").asText());
        return Visual.video(new PixelPatches(values, g.get(0).asInt(), g.get(1).asInt(), g.get(2).asInt(), 1536), ts);
    }

    /** A float32 tensor of golden.safetensors. */
    public float[] tensor(String key) {
        return golden.readFloats(key);
    }

    /** Whether golden.safetensors holds {@code key}. */
    public boolean has(String key) {
        return golden.info(key) != null;
    }

    private static int[] grid(String image) {
        for (JsonNode c : Fixtures.golden().path("cases")) {
            if (image.equals(c.path("image").asText(null))) {
                JsonNode g = c.path("grid_thw");
                return new int[] {g.get(0).asInt(), g.get(1).asInt(), g.get(2).asInt()};
            }
        }
        throw new IllegalArgumentException("No image_preprocess case for " + image);
    }

    /** An 8-bit RGB PNG read through its raster (no colour management). */
    public static RgbImage readRgb(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            Raster r = img.getRaster();
            byte[] rgb = new byte[img.getWidth() * img.getHeight() * 3];
            int[] px = new int[r.getNumBands()];
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    r.getPixel(x, y, px);
                    for (int c = 0; c < 3; c++) {
                        rgb[(y * img.getWidth() + x) * 3 + c] = (byte) px[c];
                    }
                }
            }
            return new RgbImage(img.getWidth(), img.getHeight(), rgb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        golden.close();
    }
}
