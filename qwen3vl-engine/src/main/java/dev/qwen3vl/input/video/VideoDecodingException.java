package dev.qwen3vl.input.video;

import java.nio.file.Path;

/** A video file that cannot be read: missing, empty, not a video, without frames, or corrupt. */
public class VideoDecodingException extends RuntimeException {

    private final transient Path file;

    /**
     * @param file the video file
     * @param message what went wrong; the file name is prepended
     */
    public VideoDecodingException(Path file, String message) {
        super("Cannot read video " + file + ": " + message);
        this.file = file;
    }

    /** The video file. */
    public Path file() {
        return file;
    }
}
