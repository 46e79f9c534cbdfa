package dev.qwen3vl.inference;

import dev.qwen3vl.input.image.ImageSource;
import dev.qwen3vl.input.video.VideoOptions;
import dev.qwen3vl.util.ContentKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A video to embed or score: a file (MP4, WebM, MOV, AVI, … decoded with FFmpeg) or a list of frames, with
 * its sampling options (fps, frame limits, time range, token budget).
 */
public final class VideoInput {

    private final Path file;
    private final List<ImageSource> frames;
    private final VideoOptions options;

    private VideoInput(Path file, List<ImageSource> frames, VideoOptions options) {
        this.file = file;
        this.frames = frames;
        this.options = options;
    }

    /** A video file with default sampling (1 fps, 4 to 64 frames). */
    public static VideoInput ofFile(Path file) {
        return ofFile(file, null);
    }

    /** A video file; {@code options} null means the model's defaults. */
    public static VideoInput ofFile(Path file, VideoOptions options) {
        return new VideoInput(Objects.requireNonNull(file, "file"), List.of(), options);
    }

    /** A video given as frames (sampled at 2 fps by convention of the reference); options null means defaults. */
    public static VideoInput ofFrames(List<ImageSource> frames, VideoOptions options) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("A frame-list video needs at least one frame");
        }
        return new VideoInput(null, List.copyOf(frames), options);
    }

    /** The file, or null for a frame list. */
    public Path file() {
        return file;
    }

    /** The frames of a frame list (empty for a file). */
    public List<ImageSource> frames() {
        return frames;
    }

    /** The sampling options, or null for the model's defaults. */
    public VideoOptions options() {
        return options;
    }

    /**
     * A key for caches of sampled and resized clips: for a file its absolute path, size and modification time (a
     * video is not read just to key it), for a frame list every frame's content key; with the sampling options.
     * Empty when a frame has no content key or the file cannot be examined (decoding reports why).
     *
     * @param effective the options the video is sampled with (its own or the model's defaults)
     */
    public Optional<String> cacheKey(VideoOptions effective) {
        ContentKeys.Hasher h = ContentKeys.hasher("video").add(String.valueOf(effective));
        if (file != null) {
            try {
                Path absolute = file.toAbsolutePath().normalize();
                h.add(absolute.toString()).add(Files.size(absolute))
                        .add(Files.getLastModifiedTime(absolute).toMillis());
            } catch (IOException e) {
                return Optional.empty();
            }
            return Optional.of(h.hex());
        }
        for (ImageSource f : frames) {
            Optional<String> key = f.cacheKey();
            if (key.isEmpty()) {
                return Optional.empty();
            }
            h.add(key.get());
        }
        return Optional.of(h.hex());
    }

    /** Names the input in messages. */
    public String description() {
        return file != null ? file.toString() : frames.size() + " frames starting with " + frames.get(0).description();
    }

    @Override
    public String toString() {
        return "VideoInput[" + description() + "]";
    }
}
