package dev.qwen3vl.input.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An ImageIO reader over encoded bytes held in memory (no disk cache), recording the warnings the decoder
 * reports. Closing disposes of the reader and the stream.
 */
final class ReaderSession implements AutoCloseable {

    private final ImageReader reader;
    private final ImageInputStream input;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    private ReaderSession(ImageReader reader, ImageInputStream input) {
        this.reader = reader;
        this.input = input;
    }

    /** Opens a reader of {@code format} on {@code data}, telling it to skip metadata it does not need. */
    static ReaderSession open(ImageFormat format, byte[] data) {
        ImageReader reader = format.newReader();
        ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(data));
        ReaderSession session = new ReaderSession(reader, input);
        reader.setInput(input, true, true);
        reader.addIIOReadWarningListener((source, warning) -> session.warnings.add(warning));
        return session;
    }

    ImageReader reader() {
        return reader;
    }

    /** Width of the first image, from its header. */
    int width() throws IOException {
        return reader.getWidth(0);
    }

    /** Height of the first image, from its header. */
    int height() throws IOException {
        return reader.getHeight(0);
    }

    /** The warnings reported so far. */
    List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    @Override
    public void close() {
        reader.dispose();
        try {
            input.close();
        } catch (IOException e) {
            // an in-memory stream: nothing to release
        }
    }
}
