package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies host data into a new libtorch tensor through a small reusable direct buffer per thread, a slab of rows
 * at a time.
 *
 * <p>DJL's {@code NDManager.create(float[])} allocates a fresh direct buffer for every call and keeps it until the
 * garbage collector runs — for the pixel patches and embeddings of large batches that is gigabytes of memory the
 * JVM does not see. Here the tensor owns its own memory and the staging buffer is reused.
 */
final class Upload {

    private static final int STAGING_BYTES = 16 << 20;
    private static final ThreadLocal<ByteBuffer> STAGING =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(STAGING_BYTES).order(ByteOrder.nativeOrder()));

    private Upload() {}

    /** Writes {@code count} elements, starting at element {@code first}, at the position of {@code dst}. */
    @FunctionalInterface
    interface Source {
        void write(ByteBuffer dst, long first, long count);
    }

    /** {@code data} as a float32 tensor of {@code shape}, converted to {@code type}. */
    static NDArray floats(NDManager manager, float[] data, Shape shape, DataType type) {
        NDArray out = manager.create(shape, DataType.FLOAT32);
        rows(out, 0, shape, DataType.FLOAT32, (dst, first, count) -> {
            dst.asFloatBuffer().put(data, (int) first, (int) count);
            dst.position(dst.position() + (int) count * 4);
        });
        if (type == DataType.FLOAT32) {
            return out;
        }
        NDArray converted = out.toType(type, false);
        out.close();
        return converted;
    }

    /**
     * Fills rows {@code [firstRow, firstRow + shape[0])} of {@code out} from {@code source}, whose elements have
     * the row-major layout of {@code shape} in {@code type} (FLOAT32 or FLOAT16).
     */
    static void rows(NDArray out, long firstRow, Shape shape, DataType type, Source source) {
        ByteBuffer staging = STAGING.get();
        long rows = shape.dimension() == 0 ? 1 : shape.get(0);
        long rowElements = rows == 0 ? 0 : shape.size() / rows;
        long rowBytes = rowElements * type.getNumOfBytes();
        if (rowBytes > STAGING_BYTES) {
            throw new IllegalArgumentException("A row of " + rowBytes + " bytes is larger than the " + STAGING_BYTES
                    + "-byte staging buffer");
        }
        long rowsPerSlab = Math.max(1, STAGING_BYTES / Math.max(1, rowBytes));
        NDManager manager = out.getManager();
        for (long r = 0; r < rows; r += rowsPerSlab) {
            long n = Math.min(rowsPerSlab, rows - r);
            staging.clear();
            source.write(staging, r * rowElements, n * rowElements);
            staging.flip();
            long[] slab = shape.getShape().clone();
            if (slab.length > 0) {
                slab[0] = n;
            }
            try (NDArray view = manager.create(staging, new Shape(slab), type)) {
                out.set(slab.length == 0 ? new NDIndex() : new NDIndex().addSliceDim(firstRow + r, firstRow + r + n),
                        view);
            }
        }
    }
}
