package dev.qwen3vl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwen3vl.model.Qwen3VlConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a checkpoint folder of a given architecture with random BF16 weights in the real key layout, sharded
 * in two files with an index: what {@code bench --load} loads to measure loading time and memory.
 */
final class RandomCheckpoint {

    private RandomCheckpoint() {}

    /** Writes config.json, two shards and model.safetensors.index.json into {@code dir}; returns the bytes written. */
    static long write(Path dir, String arch, long seed) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("config.json"), Architectures.configJson(arch));
        Qwen3VlConfig c = Architectures.named(arch);
        Map<String, long[]> tensors = layout(c);
        long total = 0;
        for (long[] shape : tensors.values()) {
            total += elements(shape) * 2;
        }
        List<Map<String, long[]>> shards = List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
        long written = 0;
        for (Map.Entry<String, long[]> e : tensors.entrySet()) {
            shards.get(written < total / 2 ? 0 : 1).put(e.getKey(), e.getValue());
            written += elements(e.getValue()) * 2;
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode index = json.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode map = index.putObject("weight_map");
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < shards.size(); s++) {
            String name = String.format("model-%05d-of-%05d.safetensors", s + 1, shards.size());
            shards.get(s).keySet().forEach(k -> map.put(k, name));
            writeShard(dir.resolve(name), shards.get(s), random);
        }
        json.writeValue(dir.resolve("model.safetensors.index.json").toFile(), index);
        return total;
    }

    private static void writeShard(Path file, Map<String, long[]> tensors, SplittableRandom random) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, long[]> e : tensors.entrySet()) {
            long bytes = elements(e.getValue()) * 2;
            header.append(header.length() > 1 ? "," : "").append('"').append(e.getKey())
                    .append("\":{\"dtype\":\"BF16\",\"shape\":").append(shapeJson(e.getValue()))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        byte[] h = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, h.length));
            ch.write(ByteBuffer.wrap(h));
            ByteBuffer chunk = ByteBuffer.allocate(1 << 24).order(ByteOrder.LITTLE_ENDIAN);
            for (long[] shape : tensors.values()) {
                long left = elements(shape);
                while (left > 0) {
                    chunk.clear();
                    int n = (int) Math.min(left, chunk.capacity() / 2);
                    for (int i = 0; i < n; i++) {
                        // small values around ±0.02, as BF16 (the top half of a float32)
                        float v = (float) ((random.nextDouble() - 0.5) * 0.07);
                        chunk.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
                    }
                    chunk.flip();
                    while (chunk.hasRemaining()) {
                        ch.write(chunk);
                    }
                    left -= n;
                }
            }
        }
    }

    /** Every tensor of the checkpoint with its shape, in the checkpoint's key names. */
    static Map<String, long[]> layout(Qwen3VlConfig c) {
        Map<String, long[]> t = new LinkedHashMap<>();
        Qwen3VlConfig.VisionConfig v = c.vision();
        long d = v.hiddenSize();
        long i = v.intermediateSize();
        long m = d * v.spatialMergeSize() * v.spatialMergeSize();
        String p = "model.visual.";
        t.put(p + "patch_embed.proj.weight", new long[] {d, 3, v.temporalPatchSize(), v.patchSize(), v.patchSize()});
        t.put(p + "patch_embed.proj.bias", new long[] {d});
        t.put(p + "pos_embed.weight", new long[] {v.numPositionEmbeddings(), d});
        for (int b = 0; b < v.depth(); b++) {
            String k = p + "blocks." + b + ".";
            for (String n : new String[] {"norm1", "norm2"}) {
                t.put(k + n + ".weight", new long[] {d});
                t.put(k + n + ".bias", new long[] {d});
            }
            t.put(k + "attn.qkv.weight", new long[] {3 * d, d});
            t.put(k + "attn.qkv.bias", new long[] {3 * d});
            t.put(k + "attn.proj.weight", new long[] {d, d});
            t.put(k + "attn.proj.bias", new long[] {d});
            t.put(k + "mlp.linear_fc1.weight", new long[] {i, d});
            t.put(k + "mlp.linear_fc1.bias", new long[] {i});
            t.put(k + "mlp.linear_fc2.weight", new long[] {d, i});
            t.put(k + "mlp.linear_fc2.bias", new long[] {d});
        }
        List<String> mergers = new ArrayList<>(List.of(p + "merger."));
        for (int k = 0; k < v.deepstackVisualIndexes().length; k++) {
            mergers.add(p + "deepstack_merger_list." + k + ".");
        }
        for (String k : mergers) {
            long norm = k.endsWith("merger.") ? d : m;
            t.put(k + "norm.weight", new long[] {norm});
            t.put(k + "norm.bias", new long[] {norm});
            t.put(k + "linear_fc1.weight", new long[] {m, m});
            t.put(k + "linear_fc1.bias", new long[] {m});
            t.put(k + "linear_fc2.weight", new long[] {v.outHiddenSize(), m});
            t.put(k + "linear_fc2.bias", new long[] {v.outHiddenSize()});
        }
        Qwen3VlConfig.TextConfig x = c.text();
        long h = x.hiddenSize();
        long q = (long) x.numHeads() * x.headDim();
        long kv = (long) x.numKvHeads() * x.headDim();
        String lm = "model.language_model.";
        t.put(lm + "embed_tokens.weight", new long[] {x.vocabSize(), h});
        for (int l = 0; l < x.numLayers(); l++) {
            String k = lm + "layers." + l + ".";
            t.put(k + "input_layernorm.weight", new long[] {h});
            t.put(k + "post_attention_layernorm.weight", new long[] {h});
            t.put(k + "self_attn.q_proj.weight", new long[] {q, h});
            t.put(k + "self_attn.k_proj.weight", new long[] {kv, h});
            t.put(k + "self_attn.v_proj.weight", new long[] {kv, h});
            t.put(k + "self_attn.o_proj.weight", new long[] {h, q});
            t.put(k + "self_attn.q_norm.weight", new long[] {x.headDim()});
            t.put(k + "self_attn.k_norm.weight", new long[] {x.headDim()});
            t.put(k + "mlp.gate_proj.weight", new long[] {x.intermediateSize(), h});
            t.put(k + "mlp.up_proj.weight", new long[] {x.intermediateSize(), h});
            t.put(k + "mlp.down_proj.weight", new long[] {h, x.intermediateSize()});
        }
        t.put(lm + "norm.weight", new long[] {h});
        if (!c.tieWordEmbeddings()) {
            t.put("lm_head.weight", new long[] {x.vocabSize(), h});
        }
        return t;
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    private static String shapeJson(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? "," : "").append(shape[i]);
        }
        return sb.append(']').toString();
    }
}
