package dev.qwen3vl.hub;

import java.util.regex.Pattern;

/** Checks on names that come from a model repository before they become paths on this machine. */
final class RepoPaths {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+\\- ]+");

    private RepoPaths() {}

    /**
     * Whether {@code path} is a relative, '/'-separated file path that stays inside its folder: no empty, "." or
     * ".." segment, no backslash, no leading slash, only common file-name characters.
     */
    static boolean isSafeRelativePath(String path) {
        if (path == null || path.isEmpty() || path.length() > 1000) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || !SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }
}
