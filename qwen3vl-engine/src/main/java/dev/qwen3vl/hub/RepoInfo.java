package dev.qwen3vl.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the hub's revision API says about a repository at one revision: the commit hash and each file with its
 * size and, for files stored with Git LFS, their sha256.
 *
 * @param commit the commit hash the revision points to
 * @param files  the repository's files by path
 */
record RepoInfo(String commit, Map<String, RepoFile> files) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A file of the repository; {@code size} is -1 when unknown, {@code lfsSha256} null for a non-LFS file. */
    record RepoFile(String name, long size, String lfsSha256) {

        /** Whether the file is stored with Git LFS (and so has a published sha256). */
        boolean isLfs() {
            return lfsSha256 != null;
        }
    }

    /** The file at {@code name}, if the repository has it. */
    Optional<RepoFile> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /**
     * Reads the JSON answer of {@code GET api/models/{id}/revision/{revision}?blobs=true}.
     *
     * @throws ModelDownloadException if it lacks a commit hash or holds an invalid file entry
     */
    static RepoInfo fromJson(HubModelId id, JsonNode json) {
        String commit = json.path("sha").asText("");
        if (!HubModelId.isCommitHash(commit)) {
            throw new ModelDownloadException("The hub's answer for " + id + " holds no valid commit hash (\"sha\": "
                    + json.get("sha") + ")");
        }
        Map<String, RepoFile> files = new LinkedHashMap<>();
        for (JsonNode sibling : json.path("siblings")) {
            String name = sibling.path("rfilename").asText("");
            JsonNode lfs = sibling.get("lfs");
            String sha256 = null;
            long size = sibling.path("size").asLong(-1);
            if (lfs != null && lfs.isObject()) {
                sha256 = lfs.path("sha256").asText("");
                if (!SHA256.matcher(sha256).matches()) {
                    throw new ModelDownloadException("The hub's answer for " + id + " gives " + name
                            + " an invalid LFS sha256: " + lfs.get("sha256"));
                }
                size = lfs.path("size").asLong(size);
            }
            files.put(name, new RepoFile(name, size, sha256));
        }
        return new RepoInfo(commit, Collections.unmodifiableMap(files));
    }
}
