package dev.qwen3vl.input.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes real videos with FFmpeg (JavaCV's recorder) whose frame {@code i} is one solid colour,
 * {@link #colour(int)}, so that a decoded or resized frame tells which source frame it is.
 */
final class TestVideos {

    /** The levels of each channel; frame i is (levels[i/16 % 4], levels[i/4 % 4], levels[i % 4]). */
    private static final int[] LEVELS = {32, 96, 160, 224};
    /** Distinct colours available. */
    static final int COLOURS = 64;

    /** A container and codec to write. */
    enum Format {
        MP4_H264("mp4", "mp4", AV_CODEC_ID_H264, AV_PIX_FMT_YUV420P),
        MOV_MPEG4("mov", "mov", AV_CODEC_ID_MPEG4, AV_PIX_FMT_YUV420P),
        WEBM_VP9("webm", "webm", AV_CODEC_ID_VP9, AV_PIX_FMT_YUV420P),
        AVI_MJPEG("avi", "avi", AV_CODEC_ID_MJPEG, AV_PIX_FMT_YUVJ420P);

        final String extension;
        final String container;
        final int codec;
        final int pixelFormat;

        Format(String extension, String container, int codec, int pixelFormat) {
            this.extension = extension;
            this.container = container;
            this.codec = codec;
            this.pixelFormat = pixelFormat;
        }
    }

    private TestVideos() {}

    /** The colour of frame {@code i} as {r, g, b}. */
    static int[] colour(int i) {
        return new int[] {LEVELS[i / 16 % 4], LEVELS[i / 4 % 4], LEVELS[i % 4]};
    }

    /** The frame whose colour is nearest to {r, g, b}, and fails if it is not clearly that one. */
    static int frameOf(int r, int g, int b) {
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < COLOURS; i++) {
            int[] c = colour(i);
            int d = Math.max(Math.abs(c[0] - r), Math.max(Math.abs(c[1] - g), Math.abs(c[2] - b)));
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        if (bestDistance > 12) {
            throw new AssertionError("Colour (" + r + "," + g + "," + b + ") is no frame colour");
        }
        return best;
    }

    /** Writes {@code frames} solid-colour frames of {@code width}×{@code height} at {@code fps}. */
    static Path write(Path file, Format format, int frames, double fps, int width, int height)
            throws FrameRecorder.Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            recorder.setFormat(format.container);
            recorder.setVideoCodec(format.codec);
            recorder.setPixelFormat(format.pixelFormat);
            recorder.setFrameRate(fps);
            recorder.setGopSize(12);
            recorder.setVideoQuality(2);
            recorder.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer buf = (ByteBuffer) frame.image[0];
            for (int i = 0; i < frames; i++) {
                int[] c = colour(i);
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int p = y * frame.imageStride + x * 3;
                        buf.put(p, (byte) c[0]).put(p + 1, (byte) c[1]).put(p + 2, (byte) c[2]);
                    }
                }
                recorder.record(frame, AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        }
        return file;
    }
}
