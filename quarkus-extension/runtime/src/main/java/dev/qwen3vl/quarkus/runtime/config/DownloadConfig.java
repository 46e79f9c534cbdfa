package dev.qwen3vl.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a model given as a hub id is found: in the local Hugging Face hub cache (shared with the Python tools),
 * else downloaded into it when allowed. Models given as folders never use these settings.
 */
@ConfigGroup
public interface DownloadConfig {

    /**
     * Whether a model missing from the hub cache may be downloaded (in the background, with progress in the log and
     * in the readiness check). When false, a model that is neither a folder nor in the cache fails the
     * application's start.
     */
    @WithDefault("false")
    boolean allowed();

    /** Offline mode: never download, whatever {@code allowed} says. */
    @ConfigDocDefault("true if the environment variable HF_HUB_OFFLINE is 1, true, yes or on")
    Optional<Boolean> offline();

    /** Base URL of the hub to download from, e.g. a mirror. Gated and private models need the token in HF_TOKEN. */
    @ConfigDocDefault("the environment variable HF_ENDPOINT, else the public hub https://huggingface.co")
    Optional<URI> endpoint();

    /** The hub cache folder. */
    @ConfigDocDefault("HF_HUB_CACHE, else $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub,"
            + " else ~/.cache/huggingface/hub")
    Optional<Path> cacheDir();
}
