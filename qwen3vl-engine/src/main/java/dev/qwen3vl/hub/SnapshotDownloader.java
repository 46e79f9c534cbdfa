package dev.qwen3vl.hub;

import dev.qwen3vl.hub.RepoInfo.RepoFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the files a Qwen3-VL model needs from one repository commit into the hub cache and assembles the
 * snapshot: first every blob (small files, then the weights), then the snapshot links (weights last), then
 * {@code refs/<revision>}. A failed download thus leaves nothing in {@code snapshots/}, and a snapshot that passes
 * {@link ModelFolder#isComplete} has all its files. Other files of the repository (README, images, scripts, other
 * weight formats) are not downloaded.
 */
final class SnapshotDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotDownloader.class);

    /** Configuration and processor files taken when the repository has them, in download order. */
    static final List<String> SUPPORT_FILES = List.of(
            ModelFolder.CONFIG, "generation_config.json", ModelFolder.TOKENIZER, "tokenizer_config.json",
            "preprocessor_config.json", "video_preprocessor_config.json", "chat_template.json", "chat_template.jinja");

    private static final Set<String> REQUIRED = Set.of(ModelFolder.CONFIG, ModelFolder.TOKENIZER);

    private final HubCache cache;
    private final HubClient client;
    private final DownloadProgressListener listener;
    private final Retrier retrier;

    SnapshotDownloader(HubCache cache, HubClient client, DownloadProgressListener listener, Retrier retrier) {
        this.cache = cache;
        this.client = client;
        this.listener = listener;
        this.retrier = retrier;
    }

    /**
     * Downloads {@code id} and returns its complete snapshot folder.
     *
     * @throws ModelNotFoundException if the hub lacks the model or the model lacks a required file
     * @throws ModelDownloadException if a download fails
     */
    Path download(HubModelId id) throws InterruptedException {
        RepoInfo info = retrier.call("Listing the files of " + id + " at " + client.endpoint(),
                () -> client.repoInfo(id), () -> 0);
        String commit = info.commit();
        LOG.info("Downloading {} (commit {}) from {} into {}", id, commit, client.endpoint(), cache.repoDir(id));
        BlobDownloader blobs = new BlobDownloader(client, id, commit, cache.blobsDir(id), listener, retrier);

        Map<String, Path> fetched = new LinkedHashMap<>();
        for (RepoFile file : filesToFetch(id, info)) {
            fetched.put(file.name(), blobs.fetch(file));
        }
        Path index = fetched.get(ModelFolder.WEIGHTS_INDEX);
        if (index != null) {
            for (String shard : shardNames(id, index)) {
                RepoFile file = info.file(shard).orElseThrow(() -> new ModelNotFoundException(ModelFolder.WEIGHTS_INDEX
                        + " of " + id + " (commit " + commit + ") names the shard " + shard
                        + ", which the repository does not hold"));
                fetched.put(shard, blobs.fetch(file));
            }
        }

        Path snapshot = cache.snapshotDir(id, commit);
        try {
            for (Map.Entry<String, Path> entry : fetched.entrySet()) {
                cache.link(snapshot, entry.getKey(), entry.getValue());
            }
            if (!HubModelId.isCommitHash(id.revision())) {
                cache.writeRef(id, commit);
            }
        } catch (IOException e) {
            throw new ModelDownloadException("Cannot write the snapshot " + snapshot, e);
        }
        ModelFolder folder = ModelFolder.open(snapshot);
        LOG.info("Downloaded {} into {} ({} weight bytes)", id, snapshot, folder.weightBytes());
        return folder.path();
    }

    /** The support files the repository has, then the weights: model.safetensors, or else the index. */
    private static List<RepoFile> filesToFetch(HubModelId id, RepoInfo info) {
        List<RepoFile> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : SUPPORT_FILES) {
            info.file(name).ifPresentOrElse(files::add, () -> {
                if (REQUIRED.contains(name)) {
                    missing.add(name);
                }
            });
        }
        info.file(ModelFolder.WEIGHTS).or(() -> info.file(ModelFolder.WEIGHTS_INDEX)).ifPresentOrElse(files::add,
                () -> missing.add(ModelFolder.WEIGHTS + " or " + ModelFolder.WEIGHTS_INDEX));
        if (!missing.isEmpty()) {
            throw new ModelNotFoundException(id + " (commit " + info.commit() + ") is not a usable model: the"
                    + " repository lacks " + String.join(", ", missing) + ". Expected " + ModelFolder.EXPECTED
                    + "; it holds " + summary(info) + ".");
        }
        return files;
    }

    private static List<String> shardNames(HubModelId id, Path index) {
        try {
            return SafetensorsIndex.shardNames(index);
        } catch (IllegalArgumentException | IOException e) {
            throw new ModelDownloadException("Cannot read " + ModelFolder.WEIGHTS_INDEX + " of " + id + ": "
                    + e.getMessage(), e);
        }
    }

    private static String summary(RepoInfo info) {
        List<String> names = new ArrayList<>(info.files().keySet());
        int shown = Math.min(names.size(), 20);
        String list = String.join(", ", names.subList(0, shown));
        return names.isEmpty() ? "no files" : names.size() > shown ? list + " and " + (names.size() - shown)
                + " more" : list;
    }
}
