package dev.qwen3vl.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModelResolverTest {

    private static final String REPO = "tests/qwen3vl-tiny";
    private static final URI PUBLIC_HUB = URI.create("https://huggingface.co");
    private static final String WEIGHTS = "model.safetensors";
    /** The fixture's files a download must fetch (it also holds config.transformers4.json, which it must not). */
    private static final Set<String> DOWNLOADED = Set.of("config.json", "generation_config.json", WEIGHTS,
            "tokenizer.json", "tokenizer_config.json");

    record Event(String model, String file, long done, long total) {}

    @TempDir
    Path temp;

    private LocalHub hub;
    private String commit;
    private Path cache;
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startHub() throws IOException {
        hub = LocalHub.start();
        commit = hub.addRepo(REPO, Fixtures.model());
        cache = temp.resolve("hub-cache");
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private ModelResolver.Builder downloading() {
        return ModelResolver.builder()
                .environment(Map.of())
                .cacheDir(cache)
                .endpoint(hub.endpoint())
                .allowDownload(true)
                .progressListener((model, file, done, total) -> events.add(new Event(model, file, done, total)));
    }

    private Path repoDir() {
        return cache.resolve("models--tests--qwen3vl-tiny");
    }

    @Test
    void should_download_a_fresh_model_into_the_hub_cache_layout() throws IOException {
        Path snapshot = downloading().token("secret-token").build().resolve(REPO);

        assertThat(snapshot).isEqualTo(repoDir().resolve("snapshots").resolve(commit));
        assertThat(Files.readString(repoDir().resolve("refs/main"))).isEqualTo(commit);
        assertThat(fileNames(snapshot)).isEqualTo(DOWNLOADED);
        Set<String> expectedBlobs = DOWNLOADED.stream().map(this::blobName).collect(Collectors.toSet());
        assertThat(fileNames(repoDir().resolve("blobs"))).isEqualTo(expectedBlobs);
        for (String name : DOWNLOADED) {
            Path link = snapshot.resolve(name);
            assertThat(Files.isSymbolicLink(link)).as(name).isTrue();
            assertThat(Files.readSymbolicLink(link)).as(name).isEqualTo(Paths.get("../../blobs", blobName(name)));
            assertThat(Files.mismatch(link, Fixtures.model().resolve(name))).as(name).isEqualTo(-1L);
        }

        for (String name : DOWNLOADED) {
            long size = Files.size(Fixtures.model().resolve(name));
            List<Event> fileEvents = eventsOf(name);
            assertThat(fileEvents).as(name).isNotEmpty().allSatisfy(e -> {
                assertThat(e.model()).isEqualTo(REPO);
                assertThat(e.total()).isEqualTo(size);
            });
            assertThat(fileEvents.stream().mapToLong(Event::done).toArray()).as(name).isSorted();
            assertThat(fileEvents.get(fileEvents.size() - 1).done()).as(name).isEqualTo(size);
        }
        assertThat(events.stream().map(Event::file).collect(Collectors.toSet())).isEqualTo(DOWNLOADED);

        assertThat(hub.requestsTo("/api/")).hasSize(1).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/api/models/" + REPO + "/revision/main");
            assertThat(r.authorization()).isEqualTo("Bearer secret-token");
        });
        assertThat(hub.requestsTo("/" + REPO + "/resolve/" + commit + "/")).hasSize(DOWNLOADED.size())
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer secret-token"));
        assertThat(hub.requestsTo("/cdn/" + hub.file(REPO, WEIGHTS).sha256())).hasSize(1);
    }

    @Test
    void should_resolve_from_the_cache_without_network_once_downloaded() throws IOException {
        Path first = downloading().build().resolve(REPO);
        int requests = hub.requests().size();
        hub.close();

        Path second = downloading().build().resolve(REPO);
        Path offline = ModelResolver.builder().environment(Map.of()).cacheDir(cache).offline(true).build()
                .resolve(REPO);
        Path noDownloads = ModelResolver.builder().environment(Map.of("HF_HUB_CACHE", cache.toString())).build()
                .resolve(REPO + "@main");

        assertThat(second).isEqualTo(first);
        assertThat(offline).isEqualTo(first);
        assertThat(noDownloads).isEqualTo(first);
        assertThat(hub.requests()).hasSize(requests);
        assertThat(Files.mismatch(second.resolve(WEIGHTS), Fixtures.model().resolve(WEIGHTS))).isEqualTo(-1L);
    }

    @Test
    void should_resume_with_a_range_request_after_the_connection_drops_halfway() throws IOException {
        long size = Files.size(Fixtures.model().resolve(WEIGHTS));
        hub.dropOnceAfter(REPO, WEIGHTS, size / 2);

        Path snapshot = downloading().build().resolve(REPO);

        assertThat(Files.mismatch(snapshot.resolve(WEIGHTS), Fixtures.model().resolve(WEIGHTS))).isEqualTo(-1L);
        List<LocalHub.Request> cdn = hub.requestsTo("/cdn/" + hub.file(REPO, WEIGHTS).sha256());
        assertThat(cdn).hasSize(2);
        assertThat(cdn.get(0).range()).isNull();
        assertThat(cdn.get(0).bodyBytesSent()).isEqualTo(size / 2);
        assertThat(cdn.get(1).range()).matches("bytes=[1-9][0-9]*-");
        long resumedAt = Long.parseLong(cdn.get(1).range().replaceAll("\\D", ""));
        assertThat(resumedAt).isLessThanOrEqualTo(size / 2);
        assertThat(cdn.get(1).bodyBytesSent()).isEqualTo(size - resumedAt);
        assertThat(cdn.stream().mapToLong(LocalHub.Request::bodyBytesSent).sum()).isLessThan(2 * size);
        assertThat(eventsOf(WEIGHTS).stream().mapToLong(Event::done).toArray()).isSorted();
        assertThat(eventsOf(WEIGHTS).get(eventsOf(WEIGHTS).size() - 1).done()).isEqualTo(size);
    }

    @Test
    void should_resume_a_partial_download_left_by_an_earlier_run() throws IOException {
        LocalHub.RepoFile weights = hub.file(REPO, WEIGHTS);
        int half = weights.content().length / 2;
        Path blobs = Files.createDirectories(repoDir().resolve("blobs"));
        Files.write(blobs.resolve(weights.sha256() + ".incomplete"), Arrays.copyOf(weights.content(), half));

        Path snapshot = downloading().build().resolve(REPO);

        assertThat(Files.mismatch(snapshot.resolve(WEIGHTS), Fixtures.model().resolve(WEIGHTS))).isEqualTo(-1L);
        List<LocalHub.Request> cdn = hub.requestsTo("/cdn/" + weights.sha256());
        assertThat(cdn).singleElement().satisfies(r -> {
            assertThat(r.range()).isEqualTo("bytes=" + half + "-");
            assertThat(r.bodyBytesSent()).isEqualTo(weights.content().length - half);
        });
        assertThat(eventsOf(WEIGHTS).get(0).done()).isEqualTo(half);
        assertThat(blobs.resolve(weights.sha256() + ".incomplete")).doesNotExist();
    }

    @Test
    void should_reject_corrupted_weights_and_leave_no_file_in_the_snapshot() throws IOException {
        LocalHub.RepoFile weights = hub.file(REPO, WEIGHTS);
        hub.corrupt(REPO, WEIGHTS);
        byte[] corrupted = weights.content().clone();
        corrupted[corrupted.length / 2] ^= 0x5A;
        String corruptedSha256 = LocalHub.hex("SHA-256", corrupted);

        assertThatThrownBy(() -> downloading().build().resolve(REPO))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining(WEIGHTS)
                .hasMessageContaining(REPO)
                .hasMessageContaining("expected sha256 " + weights.sha256())
                .hasMessageContaining("got sha256 " + corruptedSha256);

        assertThat(regularFilesAndLinks(repoDir().resolve("snapshots"))).isEmpty();
        assertThat(repoDir().resolve("refs")).doesNotExist();
        assertThat(repoDir().resolve("blobs").resolve(weights.sha256())).doesNotExist();
        assertThat(repoDir().resolve("blobs").resolve(weights.sha256() + ".incomplete")).doesNotExist();
        assertThat(hub.requestsTo("/cdn/" + weights.sha256())).hasSize(1);
    }

    @Test
    void should_fail_clearly_when_offline_without_a_cached_copy() {
        ModelResolver resolver = downloading().offline(true).build();

        assertThatThrownBy(() -> resolver.resolve(REPO))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageStartingWith("Offline mode")
                .hasMessageContaining("no cached copy of " + REPO + " in " + cache);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void should_take_offline_mode_and_cache_location_from_the_environment() {
        ModelResolver resolver = ModelResolver.builder()
                .environment(Map.of("HF_HUB_OFFLINE", "1", "HF_HOME", temp.resolve("hf-home").toString(),
                        "HF_ENDPOINT", hub.endpoint().toString()))
                .allowDownload(true)
                .build();

        assertThat(resolver.isOffline()).isTrue();
        assertThat(resolver.cacheDir()).isEqualTo(temp.resolve("hf-home").resolve("hub"));
        assertThat(resolver.endpoint()).isEqualTo(hub.endpoint());
        assertThatThrownBy(() -> resolver.resolve(REPO))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Offline mode")
                .hasMessageContaining(temp.resolve("hf-home").resolve("hub").toString());
        assertThat(hub.requests()).isEmpty();

        ModelResolver hubCacheWins = ModelResolver.builder()
                .environment(Map.of("HF_HUB_CACHE", temp.resolve("c1").toString(), "HF_HOME", temp.toString(),
                        "HF_HUB_OFFLINE", "0"))
                .build();
        assertThat(hubCacheWins.cacheDir()).isEqualTo(temp.resolve("c1"));
        assertThat(hubCacheWins.isOffline()).isFalse();
        assertThat(hubCacheWins.endpoint()).isEqualTo(PUBLIC_HUB);
        assertThat(ModelResolver.builder().environment(Map.of("XDG_CACHE_HOME", temp.toString())).build().cacheDir())
                .isEqualTo(temp.resolve("huggingface").resolve("hub"));
    }

    @Test
    void should_fail_clearly_when_downloads_are_not_allowed() {
        ModelResolver resolver = downloading().allowDownload(false).build();

        assertThatThrownBy(() -> resolver.resolve(REPO))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("No cached copy of " + REPO + " in " + cache)
                .hasMessageContaining("allowDownload(true)")
                .hasMessageContaining("HF_ENDPOINT");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void should_name_what_an_incomplete_cached_snapshot_lacks() throws IOException {
        Path snapshot = Files.createDirectories(repoDir().resolve("snapshots").resolve(commit));
        Files.copy(Fixtures.model().resolve("config.json"), snapshot.resolve("config.json"));
        Files.createDirectories(repoDir().resolve("refs"));
        Files.writeString(repoDir().resolve("refs/main"), commit);

        assertThatThrownBy(() -> downloading().allowDownload(false).build().resolve(REPO))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining(snapshot.toString())
                .hasMessageContaining("lacks tokenizer.json, model.safetensors or model.safetensors.index.json");
    }

    @Test
    void should_use_the_public_hub_when_neither_the_builder_nor_HF_ENDPOINT_names_an_endpoint() {
        assertThat(ModelResolver.builder().environment(Map.of()).build().endpoint()).isEqualTo(PUBLIC_HUB);
        assertThat(downloading().endpoint(null).build().endpoint()).isEqualTo(PUBLIC_HUB);
        assertThat(ModelResolver.builder().environment(Map.of("HF_ENDPOINT", "  ")).build().endpoint())
                .isEqualTo(PUBLIC_HUB);
        assertThat(ModelResolver.builder().environment(Map.of("HF_ENDPOINT", hub.endpoint() + "/")).build()
                .endpoint()).isEqualTo(hub.endpoint());
        assertThat(ModelResolver.builder().environment(Map.of("HF_ENDPOINT", hub.endpoint().toString()))
                .endpoint(URI.create("https://mirror.example.org")).build().endpoint())
                .isEqualTo(URI.create("https://mirror.example.org"));
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void should_download_from_HF_ENDPOINT_with_the_token_of_HF_TOKEN_when_the_builder_sets_neither() throws IOException {
        hub.requireToken(REPO, "env-token");
        Map<String, String> environment = Map.of("HF_ENDPOINT", hub.endpoint().toString(),
                "HF_HUB_CACHE", cache.toString());

        assertThatThrownBy(() -> ModelResolver.builder().environment(environment).allowDownload(true).build()
                .resolve(REPO))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("HF_TOKEN");
        Map<String, String> withToken = new HashMap<>(environment);
        withToken.put("HF_TOKEN", "env-token");
        Path snapshot = ModelResolver.builder().environment(withToken).allowDownload(true).build().resolve(REPO);

        assertThat(snapshot).isEqualTo(repoDir().resolve("snapshots").resolve(commit));
        assertThat(Files.mismatch(snapshot.resolve(WEIGHTS), Fixtures.model().resolve(WEIGHTS))).isEqualTo(-1L);
        assertThat(hub.requestsTo("/api/")).extracting(LocalHub.Request::authorization)
                .containsExactly(null, "Bearer env-token");
    }

    @Test
    void should_reject_an_endpoint_that_is_not_an_http_url() {
        assertThatThrownBy(() -> ModelResolver.builder().environment(Map.of("HF_ENDPOINT", "ftp://127.0.0.1/x"))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HF_ENDPOINT")
                .hasMessageContaining("ftp://127.0.0.1/x");
    }

    @Test
    void should_report_a_model_the_hub_does_not_have() {
        assertThatThrownBy(() -> downloading().build().resolve("tests/no-such-model"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("no model tests/no-such-model at revision main")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("HF_TOKEN");
        assertThat(cache.resolve("models--tests--no-such-model").resolve("snapshots")).doesNotExist();
    }

    @Test
    void should_download_a_pinned_commit_without_writing_a_ref() {
        Path snapshot = downloading().progressListener(DownloadProgressListener.logging()).build()
                .resolve(REPO + "@" + commit);

        assertThat(snapshot).isEqualTo(repoDir().resolve("snapshots").resolve(commit));
        assertThat(repoDir().resolve("refs")).doesNotExist();
        assertThat(hub.requestsTo("/api/")).extracting(LocalHub.Request::path)
                .containsExactly("/api/models/" + REPO + "/revision/" + commit);
    }

    @Test
    void should_download_only_the_model_files_of_a_sharded_repository() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("sharded"));
        for (String name : List.of("config.json", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(Fixtures.model().resolve(name), folder.resolve(name));
        }
        Random random = new Random(7);
        byte[] shard1 = new byte[300_000];
        byte[] shard2 = new byte[200_000];
        random.nextBytes(shard1);
        random.nextBytes(shard2);
        Files.write(folder.resolve("model-00001-of-00002.safetensors"), shard1);
        Files.write(folder.resolve("model-00002-of-00002.safetensors"), shard2);
        Files.writeString(folder.resolve("model.safetensors.index.json"), "{\"metadata\": {\"total_size\": 500000},"
                + " \"weight_map\": {\"a.weight\": \"model-00001-of-00002.safetensors\","
                + " \"b.weight\": \"model-00002-of-00002.safetensors\","
                + " \"c.weight\": \"model-00001-of-00002.safetensors\"}}");
        Files.writeString(folder.resolve("README.md"), "# A sharded test model\n");
        Files.write(Files.createDirectories(folder.resolve("images")).resolve("architecture.png"), shard2);
        Files.write(folder.resolve("pytorch_model.bin"), shard1);
        String shardedCommit = hub.addRepo("tests/sharded", folder);

        Path snapshot = downloading().build().resolve("tests/sharded");

        assertThat(snapshot).endsWith(Paths.get("models--tests--sharded", "snapshots", shardedCommit));
        assertThat(fileNames(snapshot)).containsExactlyInAnyOrder("config.json", "tokenizer.json",
                "tokenizer_config.json", "model.safetensors.index.json", "model-00001-of-00002.safetensors",
                "model-00002-of-00002.safetensors");
        ModelFolder model = ModelFolder.open(snapshot);
        assertThat(model.isSharded()).isTrue();
        assertThat(model.weightBytes()).isEqualTo(500_000L);
        assertThat(Files.readAllBytes(snapshot.resolve("model-00002-of-00002.safetensors"))).isEqualTo(shard2);
        assertThat(hub.requests()).extracting(LocalHub.Request::path)
                .noneMatch(p -> p.endsWith("README.md") || p.contains("images") || p.endsWith(".bin"));
    }

    @Test
    void should_download_once_when_two_threads_resolve_the_same_model() throws Exception {
        ModelResolver resolver = downloading().build();
        CountDownLatch start = new CountDownLatch(1);
        Callable<Path> task = () -> {
            start.await();
            return resolver.resolve(REPO);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Path> a = pool.submit(task);
            Future<Path> b = pool.submit(task);
            start.countDown();
            assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo(b.get(30, TimeUnit.SECONDS));
            Path snapshot = a.get();
            for (String name : DOWNLOADED) {
                assertThat(Files.mismatch(snapshot.resolve(name), Fixtures.model().resolve(name))).isEqualTo(-1L);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(hub.requestsTo("/api/")).hasSize(1);
        assertThat(hub.requestsTo("/cdn/" + hub.file(REPO, WEIGHTS).sha256())).hasSize(1);
        assertThat(fileNames(repoDir().resolve("blobs"))).noneMatch(n -> n.endsWith(".incomplete"));
    }

    @Test
    void should_resolve_a_known_model_from_a_cache_written_by_other_tools() throws IOException {
        String knownCommit = "0123456789abcdef0123456789abcdef01234567";
        Path repo = cache.resolve("models--Qwen--Qwen3-VL-Embedding-2B");
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(knownCommit));
        for (String name : DOWNLOADED) {
            String blob = LocalHub.hex("SHA-256", LocalHub.read(Fixtures.model().resolve(name)));
            Files.copy(Fixtures.model().resolve(name), blobs.resolve(blob));
            Files.createSymbolicLink(snapshot.resolve(name), Paths.get("../../blobs", blob));
        }
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), knownCommit);

        ModelResolver resolver = ModelResolver.builder().environment(Map.of("HF_HUB_CACHE", cache.toString()))
                .build();

        assertThat(resolver.resolve(Qwen3VlModelName.QWEN3_VL_EMBEDDING_2B)).isEqualTo(snapshot);
        assertThat(resolver.resolve("Qwen/Qwen3-VL-Embedding-2B@" + knownCommit)).isEqualTo(snapshot);
        assertThatThrownBy(() -> resolver.resolve(Qwen3VlModelName.QWEN3_VL_EMBEDDING_8B))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Qwen/Qwen3-VL-Embedding-8B");
    }

    @Test
    void should_resolve_existing_local_folders_by_absolute_and_relative_path() {
        Path fixture = Fixtures.model().toAbsolutePath().normalize();
        Path relative = Paths.get("").toAbsolutePath().relativize(fixture);
        ModelResolver resolver = ModelResolver.builder().environment(Map.of()).cacheDir(cache).build();

        assertThat(resolver.resolve(fixture.toString())).isEqualTo(fixture);
        assertThat(resolver.resolve(relative.toString())).isEqualTo(fixture);
        assertThat(resolver.resolve("./" + relative)).isEqualTo(fixture);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void should_name_a_missing_local_folder_and_the_expected_files() {
        ModelResolver resolver = ModelResolver.builder().environment(Map.of()).cacheDir(cache).build();
        Path missing = temp.resolve("no-such-model");
        String home = System.getProperty("user.home");

        assertThatThrownBy(() -> resolver.resolve(missing.toString()))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("No model folder at " + missing)
                .hasMessageContaining("config.json, tokenizer.json and model.safetensors (or"
                        + " model.safetensors.index.json plus every shard it names)");
        assertThatThrownBy(() -> resolver.resolve("~/no-such-qwen3vl-model-folder"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("No model folder at " + Paths.get(home, "no-such-qwen3vl-model-folder"));
        assertThatThrownBy(() -> resolver.resolve("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> resolver.resolve("org/name@bad revision"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid revision 'bad revision'");
    }

    @Test
    void should_name_tokenizer_json_when_a_local_folder_lacks_it() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("no-tokenizer"));
        Files.copy(Fixtures.model().resolve("config.json"), folder.resolve("config.json"));
        Files.createSymbolicLink(folder.resolve(WEIGHTS), Fixtures.model().resolve(WEIGHTS).toAbsolutePath());

        assertThatThrownBy(() -> ModelResolver.builder().environment(Map.of()).build().resolve(folder.toString()))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Model folder " + folder + " is incomplete: missing tokenizer.json.");
    }

    private String blobName(String file) {
        LocalHub.RepoFile served = hub.file(REPO, file);
        return served.lfs() ? served.sha256() : served.gitBlobId();
    }

    private List<Event> eventsOf(String file) {
        synchronized (events) {
            return events.stream().filter(e -> e.file().equals(file)).toList();
        }
    }

    private static Set<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static List<Path> regularFilesAndLinks(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }
}
