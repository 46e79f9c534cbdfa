package dev.qwen3vl.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A local model folder in the Hugging Face layout, checked to be complete: it holds {@code config.json},
 * {@code tokenizer.json} and the weights, either one {@code model.safetensors} or a
 * {@code model.safetensors.index.json} together with every shard its {@code weight_map} names. Files may be
 * symbolic links (as in a hub cache snapshot); a link to a missing file counts as missing. When both weight forms
 * are present, {@code model.safetensors} is used.
 */
public final class ModelFolder {

    /** The model configuration file. */
    public static final String CONFIG = "config.json";
    /** The tokenizer file. */
    public static final String TOKENIZER = "tokenizer.json";
    /** The weights as one file. */
    public static final String WEIGHTS = "model.safetensors";
    /** The index of sharded weights. */
    public static final String WEIGHTS_INDEX = "model.safetensors.index.json";

    static final String EXPECTED = CONFIG + ", " + TOKENIZER + " and " + WEIGHTS + " (or " + WEIGHTS_INDEX
            + " plus every shard it names)";

    private final Path path;
    private final List<Path> weightFiles;
    private final long weightBytes;

    private ModelFolder(Path path, List<Path> weightFiles, long weightBytes) {
        this.path = path;
        this.weightFiles = weightFiles;
        this.weightBytes = weightBytes;
    }

    /**
     * Validates {@code dir} and returns it as a model folder.
     *
     * @throws ModelNotFoundException naming the folder and what is missing, if it does not exist, is not a folder
     *                                or is incomplete
     */
    public static ModelFolder open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new ModelNotFoundException("No model folder at " + abs + ": it does not exist. Expected a folder"
                    + " holding " + EXPECTED + ".");
        }
        if (!Files.isDirectory(abs)) {
            throw new ModelNotFoundException("No model folder at " + abs + ": it is a file, not a folder. Expected"
                    + " a folder holding " + EXPECTED + ".");
        }
        Inspection inspection = inspect(abs);
        if (!inspection.missing.isEmpty()) {
            throw new ModelNotFoundException("Model folder " + abs + " is incomplete: missing "
                    + String.join(", ", inspection.missing) + ". Expected " + EXPECTED + ".");
        }
        long bytes = 0;
        for (Path weights : inspection.weightFiles) {
            try {
                bytes += Files.size(weights);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the size of " + weights, e);
            }
        }
        return new ModelFolder(abs, Collections.unmodifiableList(inspection.weightFiles), bytes);
    }

    /**
     * What {@code dir} lacks to be a complete model folder, one entry per missing piece (e.g. {@code tokenizer.json},
     * {@code model-00002-of-00004.safetensors (named by model.safetensors.index.json)}); empty when complete. A
     * folder that does not exist lacks everything.
     */
    public static List<String> missingFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of(CONFIG, TOKENIZER, WEIGHTS + " or " + WEIGHTS_INDEX);
        }
        return Collections.unmodifiableList(inspect(dir).missing);
    }

    /** Whether {@code dir} is a complete model folder. */
    public static boolean isComplete(Path dir) {
        return missingFiles(dir).isEmpty();
    }

    /** The folder, absolute and normalized. */
    public Path path() {
        return path;
    }

    /** {@code config.json}. */
    public Path config() {
        return path.resolve(CONFIG);
    }

    /** {@code tokenizer.json}. */
    public Path tokenizer() {
        return path.resolve(TOKENIZER);
    }

    /** The safetensors files holding the weights: {@code model.safetensors}, or the shards in name order. */
    public List<Path> weightFiles() {
        return weightFiles;
    }

    /** Whether the weights are sharded (read through {@code model.safetensors.index.json}). */
    public boolean isSharded() {
        return !weightFiles.get(0).getFileName().toString().equals(WEIGHTS);
    }

    /** The total size in bytes of the weight files. */
    public long weightBytes() {
        return weightBytes;
    }

    @Override
    public String toString() {
        return "ModelFolder[" + path + ", " + weightFiles.size() + " weight file(s), " + weightBytes + " bytes]";
    }

    private static Inspection inspect(Path dir) {
        Inspection result = new Inspection();
        result.require(dir, CONFIG, CONFIG);
        result.require(dir, TOKENIZER, TOKENIZER);
        Path single = dir.resolve(WEIGHTS);
        Path index = dir.resolve(WEIGHTS_INDEX);
        if (Files.isRegularFile(single)) {
            result.weightFiles.add(single);
        } else if (Files.isRegularFile(index)) {
            List<String> shards;
            try {
                shards = SafetensorsIndex.shardNames(index);
            } catch (IllegalArgumentException e) {
                result.missing.add("a valid " + WEIGHTS_INDEX + " (" + e.getMessage() + ")");
                return result;
            } catch (IOException e) {
                result.missing.add("a readable " + WEIGHTS_INDEX + " (" + e + ")");
                return result;
            }
            for (String shard : shards) {
                if (result.require(dir, shard, shard + " (named by " + WEIGHTS_INDEX + ")")) {
                    result.weightFiles.add(dir.resolve(shard));
                }
            }
        } else {
            result.missing.add(brokenLinkNote(single, WEIGHTS + " or " + WEIGHTS_INDEX));
        }
        return result;
    }

    private static String brokenLinkNote(Path file, String description) {
        return Files.isSymbolicLink(file) ? description + " (a link to a missing file)" : description;
    }

    /** The outcome of checking a folder. */
    private static final class Inspection {
        final List<String> missing = new ArrayList<>();
        final List<Path> weightFiles = new ArrayList<>();

        boolean require(Path dir, String name, String description) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return true;
            }
            missing.add(brokenLinkNote(file, description));
            return false;
        }
    }
}
