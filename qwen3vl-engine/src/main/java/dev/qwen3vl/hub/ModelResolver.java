package dev.qwen3vl.hub;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a model reference into a complete local model folder (see {@link ModelFolder}). A reference is either
 * <ul>
 *   <li>a folder path (absolute, relative to the working directory, or starting with {@code ~/}), which is
 *   validated, or</li>
 *   <li>a hub id {@code org/name} or {@code org/name@revision} (branch, tag or commit; default {@code main}), looked
 *   up in the local Hugging Face hub cache ({@code models--org--name/refs|snapshots|blobs}), which it shares with
 *   the Python tools. A complete cached snapshot is used without any network access. Otherwise the model is
 *   downloaded into the cache, only if downloads are allowed and offline mode is off.</li>
 * </ul>
 * A folder that exists takes precedence over a hub id of the same spelling.
 *
 * <p>Settings left unset come from the environment: the cache from {@code HF_HUB_CACHE}, else
 * {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}; offline
 * mode from {@code HF_HUB_OFFLINE} (1, true, yes or on); the endpoint from {@code HF_ENDPOINT}, else the public
 * Hugging Face hub {@value #DEFAULT_ENDPOINT_URL}, as every Hugging Face client does; the token for gated and private
 * models from {@code HF_TOKEN}.
 *
 * <p>Immutable and thread-safe. Concurrent resolves of the same model, in this JVM or in other processes using this
 * class on the same cache, download it once: the others wait for it, then use the cached copy.
 */
public final class ModelResolver {

    /** The public Hugging Face hub, the endpoint unless {@code HF_ENDPOINT} or the builder names another. */
    public static final String DEFAULT_ENDPOINT_URL = "https://huggingface.co";

    private static final Set<String> TRUE_VALUES = Set.of("1", "true", "yes", "on");

    private final Path cacheDir;
    private final URI endpoint;
    private final String token;
    private final boolean allowDownload;
    private final boolean offline;
    private final DownloadProgressListener progressListener;
    private final Duration timeout;
    private final int maxRetries;

    private ModelResolver(Builder builder) {
        Map<String, String> env = builder.environment;
        this.cacheDir = builder.cacheDir != null ? expandHome(builder.cacheDir.toString()) : defaultCacheDir(env);
        this.endpoint = builder.endpoint != null ? checkEndpoint(builder.endpoint, "endpoint") : endpointFrom(env);
        this.token = builder.token != null ? blankToNull(builder.token) : blankToNull(env.get("HF_TOKEN"));
        this.allowDownload = builder.allowDownload;
        this.offline = builder.offline != null ? builder.offline
                : TRUE_VALUES.contains(String.valueOf(env.get("HF_HUB_OFFLINE")).strip().toLowerCase(Locale.ROOT));
        this.progressListener = builder.progressListener != null ? builder.progressListener
                : new LoggingProgressListener();
        this.timeout = builder.timeout;
        this.maxRetries = builder.maxRetries;
    }

    /** A builder; every setting is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The complete model folder for {@code modelRef}: the folder itself for a path, the cache snapshot for a hub id.
     *
     * @return the folder, absolute
     * @throws ModelNotFoundException if the folder is missing or incomplete, or the hub model is not cached and
     *                                cannot be downloaded (downloads not allowed, offline, or the hub does not have
     *                                it); the message says which and how to fix it
     * @throws ModelDownloadException if a download fails (network, HTTP error, checksum mismatch)
     */
    public Path resolve(String modelRef) {
        Objects.requireNonNull(modelRef, "modelRef");
        String ref = modelRef.strip();
        if (ref.isEmpty()) {
            throw new IllegalArgumentException("The model reference is empty: give a folder path or a hub id such as "
                    + Qwen3VlModelName.QWEN3_VL_EMBEDDING_2B.hubId());
        }
        Optional<Path> path = asPath(ref);
        if (path.isPresent() && Files.isDirectory(path.get())) {
            return ModelFolder.open(path.get()).path();
        }
        Optional<HubModelId> hubId = looksLikePath(ref) ? Optional.empty() : HubModelId.parse(ref);
        if (hubId.isEmpty()) {
            if (path.isEmpty()) {
                throw new ModelNotFoundException("'" + ref + "' is neither a valid folder path nor a hub id of the form"
                        + " org/name[@revision]");
            }
            return ModelFolder.open(path.get()).path();
        }
        return resolveFromHub(hubId.get(), path.orElse(null));
    }

    /** The folder of a known Qwen3-VL model, as {@link #resolve(String)} with its hub id. */
    public Path resolve(Qwen3VlModelName model) {
        return resolve(model.hubId());
    }

    /** The hub cache folder used. */
    public Path cacheDir() {
        return cacheDir;
    }

    /** The hub endpoint: the configured one, {@code HF_ENDPOINT}, or {@value #DEFAULT_ENDPOINT_URL}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Whether models missing from the cache may be downloaded. */
    public boolean isDownloadAllowed() {
        return allowDownload;
    }

    /** Whether offline mode is on (nothing is downloaded, whatever {@link #isDownloadAllowed()} says). */
    public boolean isOffline() {
        return offline;
    }

    @Override
    public String toString() {
        return "ModelResolver[cacheDir=" + cacheDir + ", endpoint=" + endpoint + ", token=" + (token == null
                ? "none" : "set") + ", allowDownload=" + allowDownload + ", offline=" + offline + "]";
    }

    /** Resolves {@code id} through the cache; {@code sameNamedPath} is the folder path it could also have meant. */
    private Path resolveFromHub(HubModelId id, Path sameNamedPath) {
        HubCache cache = new HubCache(cacheDir);
        Optional<Path> cached = cache.completeSnapshot(id);
        if (cached.isPresent()) {
            return cached.get().toAbsolutePath().normalize();
        }
        String where = cacheState(cache, id) + (sameNamedPath == null ? "" : " (nor a local folder " + sameNamedPath
                + ")");
        if (offline) {
            throw new ModelNotFoundException("Offline mode (HF_HUB_OFFLINE or offline(true)) and no cached copy of "
                    + id + " in " + cacheDir + where + ". Download it while online, or pass a local model folder.");
        }
        if (!allowDownload) {
            throw new ModelNotFoundException("No cached copy of " + id + " in " + cacheDir + where
                    + ", and downloading is disabled. Enable it with ModelResolver.builder().allowDownload(true)"
                    + " (it downloads from " + endpoint + "; the environment variable HF_ENDPOINT names a mirror),"
                    + " put the model into that cache with the Hugging Face tools, or pass the path of a local model"
                    + " folder.");
        }
        try (HubCache.RepoLock lock = cache.lock(id)) {
            cached = cache.completeSnapshot(id);
            if (cached.isPresent()) {
                return cached.get().toAbsolutePath().normalize();
            }
            HubClient client = new HubClient(endpoint, token, timeout);
            return new SnapshotDownloader(cache, client, progressListener, new Retrier(maxRetries)).download(id);
        } catch (IOException e) {
            throw new ModelDownloadException("Cannot lock the cache folder of " + id + " in " + cacheDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelDownloadException("Interrupted while downloading " + id, e);
        }
    }

    /** A note on what the cache holds for {@code id} when it has no complete snapshot. */
    private static String cacheState(HubCache cache, HubModelId id) {
        return cache.snapshotOf(id)
                .map(s -> " (the cached snapshot " + s + " lacks " + String.join(", ", ModelFolder.missingFiles(s))
                        + ")")
                .orElse("");
    }

    private static Optional<Path> asPath(String ref) {
        try {
            return Optional.of(expandHome(ref));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikePath(String ref) {
        return ref.startsWith("/") || ref.startsWith("./") || ref.startsWith("../") || ref.startsWith("~")
                || ref.contains("\\") || (ref.length() > 1 && ref.charAt(1) == ':');
    }

    private static Path expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/") || path.startsWith("~\\")) {
            return Paths.get(System.getProperty("user.home") + path.substring(1)).toAbsolutePath().normalize();
        }
        return Paths.get(path).toAbsolutePath().normalize();
    }

    private static Path defaultCacheDir(Map<String, String> env) {
        String hubCache = blankToNull(env.get("HF_HUB_CACHE"));
        if (hubCache != null) {
            return expandHome(hubCache);
        }
        String home = blankToNull(env.get("HF_HOME"));
        if (home != null) {
            return expandHome(home).resolve("hub");
        }
        String xdg = blankToNull(env.get("XDG_CACHE_HOME"));
        Path base = xdg != null ? expandHome(xdg) : expandHome("~/.cache");
        return base.resolve("huggingface").resolve("hub");
    }

    private static URI endpointFrom(Map<String, String> env) {
        String text = blankToNull(env.get("HF_ENDPOINT"));
        if (text == null) {
            return URI.create(DEFAULT_ENDPOINT_URL);
        }
        try {
            return checkEndpoint(new URI(text), "HF_ENDPOINT");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("HF_ENDPOINT is not a valid URL: '" + text + "' (" + e.getMessage()
                    + ")");
        }
    }

    private static URI checkEndpoint(URI uri, String setting) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getQuery() != null
                || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("The hub " + setting + " must be an http(s) URL with a host and no"
                    + " query, fragment or user info, e.g. https://hub.example.org; got '" + uri + "'");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Builds a {@link ModelResolver}. */
    public static final class Builder {

        private Path cacheDir;
        private URI endpoint;
        private String token;
        private boolean allowDownload;
        private Boolean offline;
        private DownloadProgressListener progressListener;
        private Duration timeout = Duration.ofSeconds(60);
        private int maxRetries = 5;
        private Map<String, String> environment = System.getenv();

        private Builder() {}

        /** The hub cache folder. Default: from the environment (see {@link ModelResolver}). */
        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
            return this;
        }

        /**
         * The hub's base URL, e.g. a mirror. Default: the environment variable {@code HF_ENDPOINT}, else the public
         * hub {@value ModelResolver#DEFAULT_ENDPOINT_URL}; {@code null} restores the default.
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The access token sent as {@code Authorization: Bearer} to the endpoint. Default: {@code HF_TOKEN}. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Whether models missing from the cache may be downloaded. Default: false. */
        public Builder allowDownload(boolean allowDownload) {
            this.allowDownload = allowDownload;
            return this;
        }

        /** Offline mode: never download. Default: {@code HF_HUB_OFFLINE} set to 1, true, yes or on. */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /** Told about download progress. Default: {@link LoggingProgressListener}. */
        public Builder progressListener(DownloadProgressListener progressListener) {
            this.progressListener = progressListener;
            return this;
        }

        /** Time limit for connecting and for each answer's headers (not the whole download). Default: 60 s. */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * How many times in a row a failed request is tried again (a request that made progress resumes at once and
         * does not count). Default: 5.
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * The environment variables the defaults are read from ({@code HF_HUB_CACHE}, {@code HF_HOME},
         * {@code XDG_CACHE_HOME}, {@code HF_HUB_OFFLINE}, {@code HF_ENDPOINT}, {@code HF_TOKEN}). Default: the
         * process environment.
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * The resolver.
         *
         * @throws IllegalArgumentException if the endpoint (set here or in {@code HF_ENDPOINT}) is not a usable URL
         */
        public ModelResolver build() {
            return new ModelResolver(this);
        }
    }
}
