package dev.qwen3vl.input.image;

import dev.qwen3vl.input.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Node;

/**
 * The first frame of a GIF → RGB as Pillow reads it: a palette image ({@code P}, transparency ignored) the size
 * of the logical screen (grown to hold the frame if it sticks out), the area outside the frame filled with the
 * transparent index if the frame has one, else index 0; the frame's local palette, else the global one; with
 * no palette at all, the indices are grey levels. Indices past the palette give black.
 */
final class GifDecoder {

    private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";
    private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

    private GifDecoder() {}

    static RgbImage decode(byte[] data, ImageLimits limits, String description) throws IOException {
        try (ReaderSession session = ReaderSession.open(ImageFormat.GIF, data, true)) {
            Node screen = child(session.reader().getStreamMetadata().getAsTree(STREAM_FORMAT),
                    "LogicalScreenDescriptor");
            int screenWidth = intAttr(screen, "logicalScreenWidth");
            int screenHeight = intAttr(screen, "logicalScreenHeight");
            boolean globalPalette =
                    child(session.reader().getStreamMetadata().getAsTree(STREAM_FORMAT), "GlobalColorTable") != null;

            IIOMetadata frameMetadata = session.reader().getImageMetadata(0);
            Node tree = frameMetadata.getAsTree(IMAGE_FORMAT);
            Node descriptor = child(tree, "ImageDescriptor");
            int left = intAttr(descriptor, "imageLeftPosition");
            int top = intAttr(descriptor, "imageTopPosition");
            int frameWidth = intAttr(descriptor, "imageWidth");
            int frameHeight = intAttr(descriptor, "imageHeight");
            boolean localPalette = child(tree, "LocalColorTable") != null;
            Node control = child(tree, "GraphicControlExtension");
            int transparent = control != null && "TRUE".equalsIgnoreCase(attr(control, "transparentColorFlag"))
                    ? intAttr(control, "transparentColorIndex")
                    : -1;

            int width = Math.max(screenWidth, left + frameWidth);
            int height = Math.max(screenHeight, top + frameHeight);
            SizeGuard.check(width, height, limits, description);
            SizeGuard.check(frameWidth, frameHeight, limits, description);

            BufferedImage frame = session.reader().read(0);
            byte[] lut = globalPalette || localPalette
                    ? PillowRgb.paletteLut((IndexColorModel) frame.getColorModel(), Integer.MAX_VALUE)
                    : greyLut();
            return compose(frame.getRaster(), lut, width, height, left, top, Math.max(transparent, 0));
        }
    }

    private static RgbImage compose(Raster frame, byte[] lut, int width, int height, int left, int top, int fill) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = lut[fill * 3];
            rgb[i + 1] = lut[fill * 3 + 1];
            rgb[i + 2] = lut[fill * 3 + 2];
        }
        int w = Math.min(frame.getWidth(), width - left);
        int h = Math.min(frame.getHeight(), height - top);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            frame.getSamples(frame.getMinX(), frame.getMinY() + y, w, 1, 0, row);
            int o = ((top + y) * width + left) * 3;
            for (int x = 0; x < w; x++) {
                int idx = row[x] & 0xff;
                rgb[o] = lut[idx * 3];
                rgb[o + 1] = lut[idx * 3 + 1];
                rgb[o + 2] = lut[idx * 3 + 2];
                o += 3;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static byte[] greyLut() {
        byte[] lut = new byte[256 * 3];
        for (int i = 0; i < lut.length; i++) {
            lut[i] = (byte) (i / 3);
        }
        return lut;
    }

    private static Node child(Node parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (name.equals(n.getNodeName())) {
                return n;
            }
        }
        return null;
    }

    private static String attr(Node node, String name) {
        Node a = node.getAttributes().getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }

    private static int intAttr(Node node, String name) throws IOException {
        String v = node == null ? null : attr(node, name);
        if (v == null) {
            throw new IOException("GIF metadata lacks " + name);
        }
        return Integer.parseInt(v);
    }
}
