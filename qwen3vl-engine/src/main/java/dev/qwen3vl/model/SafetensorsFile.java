package dev.qwen3vl.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;

/**
 * One {@code .safetensors} file, memory-mapped: an 8-byte little-endian header length, a JSON header naming
 * each tensor's dtype, shape and byte range, then the raw data.
 *
 * <p>Tensors are read into Java float arrays or direct buffers, converting F16 and BF16 to float32 on the
 * way (DJL cannot hold BF16). Files and tensors larger than 2 GiB are read through several mapped windows.
 * Nothing is loaded until asked for; the mapping is released when the file is closed and collected.
 */
public final class SafetensorsFile implements AutoCloseable {

    private static final long WINDOW = 1L << 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<Long, MappedByteBuffer> windows = new LinkedHashMap<>();

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
    }

    /** Opens and parses the header of {@code file}; fails with a message naming the file if it is malformed. */
    public static SafetensorsFile open(Path file) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            long size = ch.size();
            if (size < 8) {
                throw new IllegalArgumentException("Not a safetensors file (shorter than 8 bytes): " + file);
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long headerLength = len.getLong(0);
            if (headerLength <= 0 || headerLength > 100_000_000L || 8 + headerLength > size) {
                throw new IllegalArgumentException(
                        "Not a safetensors file (header length " + headerLength + " of a " + size + "-byte file): "
                                + file);
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(ch, header, 8);
            JsonNode root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            Iterator<Entry<String, JsonNode>> fields = root.fields();
            while (fields.hasNext()) {
                Entry<String, JsonNode> e = fields.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                TensorInfo info = TensorInfo.parse(e.getKey(), e.getValue());
                if (dataStart + info.end() > size) {
                    throw new IllegalArgumentException("Tensor " + e.getKey() + " ends at byte " + info.end()
                            + " past the data of " + file + " (" + (size - dataStart) + " bytes): truncated file?");
                }
                tensors.put(e.getKey(), info);
            }
            return new SafetensorsFile(file, ch, dataStart, Collections.unmodifiableMap(tensors));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("Cannot read safetensors file " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** The file this was opened from. */
    public Path path() {
        return path;
    }

    /** Tensor names in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The header entry of {@code name}, or {@code null}. */
    public TensorInfo info(String name) {
        return tensors.get(name);
    }

    /** Reads a whole tensor (at most 2^31 − 1 elements) as float32. */
    public float[] readFloats(String name) {
        TensorInfo info = require(name);
        long n = info.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Tensor " + name + " has " + n + " elements, too many for a Java array");
        }
        float[] out = new float[(int) n];
        readFloats(name, 0, out, 0, out.length);
        return out;
    }

    /** Reads {@code count} elements starting at element {@code first} of tensor {@code name} as float32. */
    public void readFloats(String name, long first, float[] dst, int dstOffset, int count) {
        TensorInfo info = require(name);
        checkRange(info, first, count);
        int width = info.dtype().bytes();
        long byteOffset = info.begin() + first * width;
        int done = 0;
        while (done < count) {
            long absolute = dataStart + byteOffset + (long) done * width;
            ByteBuffer window = window(absolute);
            int inWindow = (int) (absolute % WINDOW);
            int chunk = Math.min(count - done, (window.capacity() - inWindow) / width);
            ByteBuffer slice = window.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            slice.position(inWindow);
            info.dtype().decode(slice, dst, dstOffset + done, chunk);
            done += chunk;
        }
    }

    /**
     * Writes {@code count} elements of tensor {@code name} from element {@code first} into {@code dst} at its
     * position, as float32 (or float16 when {@code asFloat16}), advancing the position.
     */
    public void copyTo(String name, long first, long count, ByteBuffer dst, boolean asFloat16) {
        float[] chunk = new float[(int) Math.min(count, 1 << 20)];
        long done = 0;
        while (done < count) {
            int n = (int) Math.min(chunk.length, count - done);
            readFloats(name, first + done, chunk, 0, n);
            if (asFloat16) {
                for (int i = 0; i < n; i++) {
                    dst.putShort(Float16.fromFloat(chunk[i]));
                }
            } else {
                dst.asFloatBuffer().put(chunk, 0, n);
                dst.position(dst.position() + n * 4);
            }
            done += n;
        }
    }

    private void checkRange(TensorInfo info, long first, long count) {
        if (first < 0 || count < 0 || first + count > info.elementCount()) {
            throw new IndexOutOfBoundsException("Elements [" + first + ", " + (first + count) + ") of tensor "
                    + info.name() + " with " + info.elementCount() + " elements");
        }
    }

    private TensorInfo require(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException("No tensor '" + name + "' in " + path);
        }
        return info;
    }

    private synchronized ByteBuffer window(long absolute) {
        long start = absolute / WINDOW * WINDOW;
        MappedByteBuffer w = windows.get(start);
        if (w == null) {
            try {
                long size = Math.min(WINDOW + 64, channel.size() - start);
                w = channel.map(FileChannel.MapMode.READ_ONLY, start, size);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot map " + path + " at byte " + start, e);
            }
            windows.put(start, w);
        }
        return w;
    }

    /** Drops the mapped windows (their pages are returned when the buffers are collected) and closes the file. */
    @Override
    public synchronized void close() {
        windows.clear();
        closeQuietly(channel);
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        while (dst.hasRemaining()) {
            int n = ch.read(dst, position + dst.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** Element types found in Qwen3-VL checkpoints and goldens. */
    public enum DType {
        F32(4),
        F16(2),
        BF16(2);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }

        void decode(ByteBuffer src, float[] dst, int offset, int count) {
            switch (this) {
                case F32 -> src.asFloatBuffer().get(dst, offset, count);
                case BF16 -> {
                    var s = src.asShortBuffer();
                    for (int i = 0; i < count; i++) {
                        dst[offset + i] = Float.intBitsToFloat((s.get(i) & 0xffff) << 16);
                    }
                }
                case F16 -> {
                    var s = src.asShortBuffer();
                    for (int i = 0; i < count; i++) {
                        dst[offset + i] = Float16.toFloat(s.get(i));
                    }
                }
                default -> throw new IllegalStateException(name());
            }
        }

        static DType parse(String tensor, String s) {
            try {
                return DType.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Tensor " + tensor + " has dtype " + s + "; supported are F32, F16 and BF16", e);
            }
        }
    }

    /**
     * One header entry.
     *
     * @param name tensor name
     * @param dtype element type
     * @param shape dimensions
     * @param begin first byte, relative to the data section
     * @param end one past the last byte
     */
    public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

        static TensorInfo parse(String name, JsonNode node) {
            DType dtype = DType.parse(name, node.path("dtype").asText());
            JsonNode s = node.path("shape");
            long[] shape = new long[s.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = s.get(i).asLong();
            }
            long begin = node.path("data_offsets").get(0).asLong();
            long end = node.path("data_offsets").get(1).asLong();
            TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
            if (end - begin != info.elementCount() * dtype.bytes()) {
                throw new IllegalArgumentException("Tensor " + name + " of shape " + Arrays.toString(shape) + " and "
                        + dtype + " needs " + info.elementCount() * dtype.bytes() + " bytes but its range holds "
                        + (end - begin));
            }
            return info;
        }

        /** Product of the dimensions. */
        public long elementCount() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        @Override
        public String toString() {
            return name + " " + dtype + Arrays.toString(shape);
        }
    }
}
