package dev.qwen3vl.testing;

import dev.qwen3vl.model.SafetensorsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** Copies of the fixture model with edited tensors, written as float32 safetensors. */
public final class ModelFolders {

    private ModelFolders() {}

    /** A tensor to write. */
    public record Tensor(long[] shape, float[] values) {}

    /**
     * Copies the fixture model into {@code dir}, passing every tensor through {@code edit} (return null to drop
     * it); {@code extra} tensors are added.
     */
    public static Path copyWith(Path dir, BiFunction<String, Tensor, Tensor> edit, Map<String, Tensor> extra) {
        try {
            Files.createDirectories(dir);
            for (String f : new String[] {"config.json", "tokenizer.json", "tokenizer_config.json"}) {
                Files.copy(Fixtures.model().resolve(f), dir.resolve(f));
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            try (SafetensorsFile in = SafetensorsFile.open(Fixtures.model().resolve("model.safetensors"))) {
                for (SafetensorsFile.TensorInfo info : in.tensors().values()) {
                    Tensor t = edit.apply(info.name(), new Tensor(info.shape(), in.readFloats(info.name())));
                    if (t != null) {
                        tensors.put(info.name(), t);
                    }
                }
            }
            tensors.putAll(extra);
            write(dir.resolve("model.safetensors"), tensors);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes float32 tensors in the safetensors format. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            long bytes = e.getValue().values().length * 4L;
            if (header.length() > 1) {
                header.append(',');
            }
            header.append('"').append(e.getKey()).append("\":{\"dtype\":\"F32\",\"shape\":")
                    .append(java.util.Arrays.toString(e.getValue().shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
            out.write(len.array());
            out.write(h);
            for (Tensor t : tensors.values()) {
                ByteBuffer b = ByteBuffer.allocate(t.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t.values());
                out.write(b.array());
            }
        }
    }
}
