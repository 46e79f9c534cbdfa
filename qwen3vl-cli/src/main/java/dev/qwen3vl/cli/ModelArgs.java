package dev.qwen3vl.cli;

import dev.qwen3vl.hub.ModelResolver;
import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.ModelOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say which model runs and how: shared by {@code embed} and {@code rerank}. */
final class ModelArgs {

    @Option(names = "--model", required = true, paramLabel = "DIR|HUB_ID",
            description = "a model folder, or a hub id: from the local Hugging Face cache, else downloaded from the hub"
                    + " (HF_ENDPOINT, HF_TOKEN and HF_HUB_OFFLINE are honoured)")
    private String model;

    @Option(names = "--dtype", defaultValue = "auto", paramLabel = "TYPE",
            description = "compute type: auto (default: bfloat16 on CUDA and on CPUs with avx512_bf16 or AMX, else"
                    + " float32), float32, bfloat16 or float16 (CUDA only)")
    private String dtype;

    @Option(names = "--truncate", description = "truncate over-long inputs by the reference's rule instead of failing")
    private boolean truncate;

    /** The model folder: a path, or a hub id from the local Hugging Face cache or downloaded (with progress). */
    Path folder() {
        return ModelResolver.builder().allowDownload(true).build().resolve(model);
    }

    /** Engine settings with the options' compute type and length policy. */
    EngineSettings settings() {
        return EngineSettings.defaults().withModel(ModelOptions.cpu().withDtype(ComputeType.parse(dtype)))
                .withMaxLength(null, truncate);
    }
}
