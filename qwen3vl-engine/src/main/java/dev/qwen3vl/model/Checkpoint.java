package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of a Hugging Face checkpoint folder: one {@code model.safetensors} or the shards listed in
 * {@code model.safetensors.index.json}, memory-mapped.
 *
 * <p>Tensors are copied into libtorch memory through a small reusable staging buffer ({@link Upload}), converted
 * to float32 (or float16) on the way, so loading never holds a second copy of the weights and never depends on the
 * JVM's direct-memory limit. Every load checks the stored shape against the expected one.
 */
public final class Checkpoint implements WeightSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Map<String, SafetensorsFile> files = new LinkedHashMap<>();
    private final Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();

    private Checkpoint(Path folder) {
        this.folder = folder;
    }

    /** Opens the weights of a model folder. */
    public static Checkpoint open(Path folder) {
        Checkpoint c = new Checkpoint(folder);
        try {
            Path index = folder.resolve("model.safetensors.index.json");
            Path single = folder.resolve("model.safetensors");
            if (Files.isRegularFile(index)) {
                JsonNode map = JSON.readTree(index.toFile()).path("weight_map");
                Iterator<Map.Entry<String, JsonNode>> it = map.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String shard = e.getValue().asText();
                    Path shardPath = folder.resolve(shard);
                    if (!Files.isRegularFile(shardPath)) {
                        throw new IllegalArgumentException(
                                index + " names shard " + shard + " for " + e.getKey() + ", but " + shardPath
                                        + " does not exist");
                    }
                    SafetensorsFile f = c.files.computeIfAbsent(shard, s -> SafetensorsFile.open(shardPath));
                    if (f.info(e.getKey()) == null) {
                        throw new IllegalArgumentException(
                                index + " places " + e.getKey() + " in " + shard + ", which does not contain it");
                    }
                    c.byTensor.put(e.getKey(), f);
                }
            } else if (Files.isRegularFile(single)) {
                SafetensorsFile f = SafetensorsFile.open(single);
                c.files.put(single.getFileName().toString(), f);
                f.tensors().keySet().forEach(k -> c.byTensor.put(k, f));
            } else {
                throw new IllegalArgumentException("No model.safetensors or model.safetensors.index.json in " + folder);
            }
            return c;
        } catch (IOException e) {
            c.close();
            throw new UncheckedIOException("Cannot read the weight index of " + folder + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Whether the checkpoint stores {@code key}. */
    @Override
    public boolean has(String key) {
        return byTensor.containsKey(key);
    }

    /** Header entry of {@code key}; fails naming the key if absent. */
    public SafetensorsFile.TensorInfo info(String key) {
        return file(key).info(key);
    }

    /** Total bytes of all stored tensors. */
    @Override
    public long storedBytes() {
        long n = 0;
        for (Map.Entry<String, SafetensorsFile> e : byTensor.entrySet()) {
            SafetensorsFile.TensorInfo i = e.getValue().info(e.getKey());
            n += i.end() - i.begin();
        }
        return n;
    }

    /**
     * Loads {@code key} as an NDArray of {@code type} (FLOAT32 or FLOAT16) on the manager's device, checking that
     * the stored shape equals {@code expected}.
     */
    @Override
    public NDArray load(NDManager manager, DataType type, String key, long... expected) {
        checkShape(key, expected);
        NDArray out = manager.create(new Shape(expected), type);
        copyRows(key, out, 0, type);
        return out;
    }

    /**
     * Loads tensors that share all but the first dimension and stacks them along it, without an intermediate
     * copy (for fused projections such as q|k|v).
     */
    @Override
    public NDArray loadConcat(NDManager manager, DataType type, String[] keys, long[][] expected) {
        long rows = 0;
        for (int i = 0; i < keys.length; i++) {
            checkShape(keys[i], expected[i]);
            rows += expected[i][0];
        }
        long[] shape = expected[0].clone();
        shape[0] = rows;
        NDArray out = manager.create(new Shape(shape), type);
        long row = 0;
        for (int i = 0; i < keys.length; i++) {
            copyRows(keys[i], out, row, type);
            row += expected[i][0];
        }
        return out;
    }

    @Override
    public void readRow(String key, long row, int width, float[] dst, int offset) {
        SafetensorsFile.TensorInfo info = info(key);
        if (info.shape().length != 2 || info.shape()[1] != width || row < 0 || row >= info.shape()[0]) {
            throw new IllegalArgumentException("Row " + row + " of width " + width + " does not exist in " + info);
        }
        file(key).readFloats(key, row * width, dst, offset, width);
    }

    /** Fails with the key and both shapes unless {@code key} is stored with shape {@code expected}. */
    @Override
    public void checkShape(String key, long... expected) {
        SafetensorsFile.TensorInfo info = info(key);
        if (!Arrays.equals(info.shape(), expected)) {
            throw new IllegalArgumentException("Tensor " + key + " in " + folder + " has shape "
                    + Arrays.toString(info.shape()) + ", expected " + Arrays.toString(expected));
        }
    }

    // copies all rows of `key` into `out` starting at out row `firstRow`, converting to `type` on the way
    private void copyRows(String key, NDArray out, long firstRow, DataType type) {
        SafetensorsFile f = file(key);
        SafetensorsFile.TensorInfo info = f.info(key);
        boolean half = type == DataType.FLOAT16;
        Upload.rows(out, firstRow, new Shape(info.shape()), type,
                (dst, first, count) -> f.copyTo(key, first, count, dst, half));
    }

    private SafetensorsFile file(String key) {
        SafetensorsFile f = byTensor.get(key);
        if (f == null) {
            throw new IllegalArgumentException("Tensor " + key + " is missing from the checkpoint in " + folder);
        }
        return f;
    }

    /** Closes every shard. */
    @Override
    public void close() {
        files.values().forEach(SafetensorsFile::close);
        files.clear();
        byTensor.clear();
    }
}
