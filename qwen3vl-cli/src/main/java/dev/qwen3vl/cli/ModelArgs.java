package dev.qwen3vl.cli;

import dev.qwen3vl.hub.ModelResolver;
import dev.qwen3vl.inference.EngineSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say which model runs and how: shared by {@code embed} and {@code rerank}. */
final class ModelArgs {

    @Option(names = "--model", required = true, paramLabel = "DIR|HUB_ID",
            description = "a model folder, or a hub id from the local Hugging Face cache (downloaded when HF_ENDPOINT is set)")
    private String model;

    @Option(names = "--truncate", description = "truncate over-long inputs by the reference's rule instead of failing")
    private boolean truncate;

    /** The model folder: a path, or a hub id resolved through the local Hugging Face cache. */
    Path folder() {
        boolean endpoint = System.getenv("HF_ENDPOINT") != null;
        return ModelResolver.builder().allowDownload(endpoint).build().resolve(model);
    }

    /** Engine settings with the options' length policy. */
    EngineSettings settings() {
        return EngineSettings.defaults().withMaxLength(null, truncate);
    }
}
