package dev.qwen3vl.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Reads the shard names of a {@code model.safetensors.index.json} (the values of its {@code weight_map}). */
final class SafetensorsIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsIndex() {}

    /**
     * The distinct shard file names the index names, sorted.
     *
     * @throws IllegalArgumentException if the file is not such an index or names a shard outside its folder
     * @throws IOException              if it cannot be read
     */
    static List<String> shardNames(Path indexFile) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(indexFile));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode weightMap = root == null ? null : root.get("weight_map");
        if (weightMap == null || !weightMap.isObject() || weightMap.isEmpty()) {
            throw new IllegalArgumentException("no \"weight_map\" object naming the shards");
        }
        TreeSet<String> shards = new TreeSet<>();
        for (Iterator<JsonNode> it = weightMap.elements(); it.hasNext(); ) {
            JsonNode shard = it.next();
            if (!shard.isTextual() || !RepoPaths.isSafeRelativePath(shard.asText())) {
                throw new IllegalArgumentException("\"weight_map\" names an invalid shard file: " + shard);
            }
            shards.add(shard.asText());
        }
        return new ArrayList<>(shards);
    }
}
