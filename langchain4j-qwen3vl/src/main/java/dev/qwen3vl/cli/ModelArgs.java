package dev.qwen3vl.cli;

import dev.qwen3vl.hub.ModelResolver;
import java.nio.file.Path;

/** Turns {@code --model} into a folder: a path, or a hub id from the local Hugging Face cache (downloads when HF_ENDPOINT is set). */
final class ModelArgs {

    private ModelArgs() {}

    static Path resolve(String model) {
        boolean endpoint = System.getenv("HF_ENDPOINT") != null;
        return ModelResolver.builder().allowDownload(endpoint).build().resolve(model);
    }
}
