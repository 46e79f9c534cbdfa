package dev.qwen3vl.hub;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model on the hub: its repository id {@code org/name} and a revision (branch, tag or commit hash; default
 * {@code main}), written {@code org/name} or {@code org/name@revision}.
 */
record HubModelId(String repoId, String revision) {

    static final String DEFAULT_REVISION = "main";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /**
     * The hub id in {@code ref}, or empty if {@code ref} does not have the form {@code org/name[@revision]}.
     *
     * @throws IllegalArgumentException if it has that form but the revision is not valid
     */
    static Optional<HubModelId> parse(String ref) {
        int at = ref.indexOf('@');
        String repo = at < 0 ? ref : ref.substring(0, at);
        int slash = repo.indexOf('/');
        if (slash < 0 || !isPart(repo.substring(0, slash)) || !isPart(repo.substring(slash + 1))) {
            return Optional.empty();
        }
        if (at < 0) {
            return Optional.of(new HubModelId(repo, DEFAULT_REVISION));
        }
        String revision = ref.substring(at + 1);
        if (!REVISION.matcher(revision).matches() || revision.contains("..")) {
            throw new IllegalArgumentException("Invalid revision '" + revision + "' in model reference '" + ref
                    + "': expected a branch, tag or commit hash such as main, v1.0 or refs/pr/1");
        }
        return Optional.of(new HubModelId(repo, revision));
    }

    private static boolean isPart(String part) {
        return PART.matcher(part).matches() && !part.contains("--") && !part.contains("..");
    }

    /** Whether {@code text} is a full commit hash (40 lowercase hex digits). */
    static boolean isCommitHash(String text) {
        return text != null && COMMIT.matcher(text).matches();
    }

    /** The repository's folder name in the hub cache: {@code models--org--name}. */
    String cacheFolderName() {
        return "models--" + repoId.replace("/", "--");
    }

    @Override
    public String toString() {
        return DEFAULT_REVISION.equals(revision) ? repoId : repoId + "@" + revision;
    }
}
