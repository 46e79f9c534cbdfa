package dev.qwen3vl.input.video;

import dev.qwen3vl.input.Patchifier;
import dev.qwen3vl.input.PixelPatches;
import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.input.image.PillowBicubic;
import dev.qwen3vl.input.image.SmartResize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a video into vision-tower input exactly as the reference does ({@code fetch_video}): a video file through
 * {@link #fromFile}, a video given as a list of decoded frames through {@link #fromFrames}. Stateless and
 * thread-safe.
 */
public final class VideoPreprocessor {

    /** Per-frame pixel bounds of a frame list: {@code fetch_image}'s defaults, 4·32² and 16384·32². */
    private static final long FRAME_MIN_PIXELS = 4L * ClipBudget.FACTOR * ClipBudget.FACTOR;
    private static final long FRAME_MAX_PIXELS = 16384L * ClipBudget.FACTOR * ClipBudget.FACTOR;

    private final Patchifier patchifier = new Patchifier(16, FrameSampler.FRAME_FACTOR, 2);

    /**
     * A video file: the frame range of the start/end times, {@code smart_nframes} frames
     * at float32-linspace indices (only those are decoded), one frame size for the clip ({@code smart_resize}
     * of the first frame, factor 32, between {@code minPixels} and
     * {@code max(min(768·32², totalPixels/frames·2), floor(minPixels·1.05))} pixels), torchvision's antialiased
     * bicubic resize of the clip, then patches. Timestamps use the native frame rate.
     *
     * @throws VideoDecodingException if the file cannot be read
     * @throws IllegalArgumentException if the time range holds fewer than two frames, or the video is over the
     *     token budget with {@link TokenBudgetPolicy#FAIL}
     */
    public VideoPatches fromFile(Path file, VideoOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        try (VideoFileDecoder decoder = VideoFileDecoder.open(file)) {
            FrameSampler.FrameRange range;
            int frames;
            try {
                range = FrameSampler.range(
                        decoder.frameCount(), decoder.fps(), options.startSeconds(), options.endSeconds());
                frames = FrameSampler.frameCount(
                        range.count(), decoder.fps(), options.fps(), options.minFrames(), options.maxFrames());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Video " + file + ": " + e.getMessage(), e);
            }
            ClipBudget.Plan plan;
            try {
                plan = ClipBudget.plan(file.toString(), frames, decoder.height(), decoder.width(),
                        options.totalPixels(false), options);
            } catch (IllegalArgumentException e) {
                // e.g. a frame size whose aspect ratio is over the limit: say which file
                throw e.getMessage() != null && e.getMessage().contains(file.toString()) ? e
                        : new IllegalArgumentException("Video " + file + ": " + e.getMessage(), e);
            }
            int[] indices = FrameSampler.indices(range.start(), range.end(), plan.frames());
            List<RgbImage> decoded = decoder.decode(indices);
            RgbImage first = decoded.get(0);
            if (first.width() != decoder.width() || first.height() != decoder.height()) {
                throw new VideoDecodingException(file, "the decoded frames are " + first.width() + "x"
                        + first.height() + ", the stream declares " + decoder.width() + "x" + decoder.height());
            }
            List<RgbImage> clip = ClipResizer.resize(decoded, plan.width(), plan.height());
            PixelPatches patches = patchifier.frames(clip);
            return new VideoPatches(patches, VideoTimestamps.formatted(indices, decoder.fps()), indices,
                    decoder.fps(), plan.width(), plan.height());
        }
    }

    /**
     * A video given as a list of decoded frames: at most {@code maxFrames} frames kept
     * (numpy-linspace positions), each resized on its own like an image ({@code smart_resize} factor 32 between
     * 4·32² and 16384·32² pixels, Pillow bicubic), the last repeated to an even count, then one frame size for
     * the clip with the pixel budget {@code totalPixels} (7,864,320 unless set), torchvision's antialiased
     * bicubic resize of the clip, and patches. As in the reference, frame {@code k} is placed at
     * {@code k / sampleFps} seconds (2 fps unless set), whatever frames were dropped.
     *
     * @throws IllegalArgumentException if the list is empty, the frames do not all get the same size from the
     *     per-frame resize, or the video is over the token budget with {@link TokenBudgetPolicy#FAIL}
     */
    public VideoPatches fromFrames(List<RgbImage> frames, VideoOptions options) {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(options, "options");
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("A video needs at least one frame, got an empty frame list");
        }
        int[] kept = FrameSampler.frameListIndices(frames.size(), options.maxFrames());
        int[] firstSize = frameSize(frames.get(0));
        int padded = (kept.length + 1) / FrameSampler.FRAME_FACTOR * FrameSampler.FRAME_FACTOR;
        ClipBudget.Plan plan = ClipBudget.plan("of " + frames.size() + " frames", padded, firstSize[0],
                firstSize[1], options.totalPixels(true), options);
        if (plan.frames() < padded) {
            kept = FrameSampler.frameListIndices(frames.size(), plan.frames());
        }
        List<RgbImage> resized = new ArrayList<>(plan.frames());
        for (int position : kept) {
            RgbImage frame = frames.get(position);
            int[] size = frameSize(frame);
            if (size[0] != firstSize[0] || size[1] != firstSize[1]) {
                throw new IllegalArgumentException(String.format(
                        "Frame %d of the list (%dx%d) is resized to %dx%d, frame 0 (%dx%d) to %dx%d: all frames "
                                + "of a video must get the same size",
                        position, frame.width(), frame.height(), size[1], size[0], frames.get(0).width(),
                        frames.get(0).height(), firstSize[1], firstSize[0]));
            }
            resized.add(PillowBicubic.resize(frame, size[1], size[0]));
        }
        while (resized.size() % FrameSampler.FRAME_FACTOR != 0) {
            resized.add(resized.get(resized.size() - 1));
        }
        List<RgbImage> clip = ClipResizer.resize(resized, plan.width(), plan.height());
        PixelPatches patches = patchifier.frames(clip);
        int[] metadataIndices = new int[resized.size()];
        for (int i = 0; i < metadataIndices.length; i++) {
            metadataIndices[i] = i;
        }
        return new VideoPatches(patches, VideoTimestamps.formatted(metadataIndices, options.sampleFps()), kept,
                options.sampleFps(), plan.width(), plan.height());
    }

    /** The per-frame target size of a frame-list frame: {height, width}. */
    private static int[] frameSize(RgbImage frame) {
        return SmartResize.compute(frame.height(), frame.width(), ClipBudget.FACTOR, FRAME_MIN_PIXELS,
                FRAME_MAX_PIXELS);
    }
}
