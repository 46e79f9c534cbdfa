package dev.qwen3vl.input.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Video headers that lie: an AVI whose headers declare 10⁶ frames or 16384x16384 pixels. The frame count is
 * never trusted (frames are indexed from the packets), and a frame size over the limit is refused before any
 * frame is decoded.
 */
class HostileVideoTest {

    @TempDir
    Path tmp;

    @Test
    void a_declared_million_frames_is_not_trusted() throws Exception {
        Path clip = TestVideos.write(tmp.resolve("real.avi"), TestVideos.Format.AVI_MJPEG, 8, 10.0, 64, 48);
        byte[] avi = Files.readAllBytes(clip);
        patch(avi, "avih", 16, 1_000_000); // dwTotalFrames
        patch(avi, "strh", 32, 1_000_000); // dwLength
        Path liar = Files.write(tmp.resolve("million.avi"), avi);
        try (VideoFileDecoder decoder = VideoFileDecoder.open(liar)) {
            assertThat(decoder.frameCount()).isEqualTo(8);
        }
        VideoPatches patches = new VideoPreprocessor().fromFile(liar, VideoOptions.defaults());
        assertThat(patches.sampledIndices()).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void a_declared_16k_frame_size_is_refused_before_decoding() throws Exception {
        Path clip = TestVideos.write(tmp.resolve("real.avi"), TestVideos.Format.AVI_MJPEG, 4, 10.0, 64, 48);
        byte[] avi = Files.readAllBytes(clip);
        patch(avi, "avih", 32, 16384); // dwWidth
        patch(avi, "avih", 36, 16384); // dwHeight
        patch(avi, "strf", 4, 16384); // biWidth
        patch(avi, "strf", 8, 16384); // biHeight
        Path liar = Files.write(tmp.resolve("huge.avi"), avi);
        long heapBefore = usedHeap();
        assertThatThrownBy(() -> new VideoPreprocessor().fromFile(liar, VideoOptions.defaults()))
                .isInstanceOf(VideoDecodingException.class)
                .hasMessageContaining("16384x16384")
                .hasMessageContaining("limit is " + VideoFileDecoder.MAX_FRAME_PIXELS);
        // nothing near a 16k frame (768 MiB of RGB) was allocated on the heap
        assertThat(usedHeap() - heapBefore).isLessThan(256L << 20);
    }

    @Test
    void a_frame_size_over_the_aspect_ratio_limit_names_the_file() throws Exception {
        // found by VideoFuzzTest (seed 2): a mutated MP4 declaring 32x20504 frames; the error did not name the file
        Path file = Files.copy(Path.of("src/test/resources/fuzz-regressions/video-aspect-ratio.bin"),
                tmp.resolve("tall.mp4"));
        assertThatThrownBy(() -> new VideoPreprocessor().fromFile(file, VideoOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("Aspect ratio");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Overwrites a little-endian 32-bit field at {@code offset} in the data of the first chunk {@code fourcc}. */
    private static void patch(byte[] riff, String fourcc, int offset, int value) {
        byte[] tag = fourcc.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 8 < riff.length; i++) {
            if (riff[i] == tag[0] && riff[i + 1] == tag[1] && riff[i + 2] == tag[2] && riff[i + 3] == tag[3]) {
                ByteBuffer.wrap(riff).order(ByteOrder.LITTLE_ENDIAN).putInt(i + 8 + offset, value);
                return;
            }
        }
        throw new IllegalArgumentException("no " + fourcc + " chunk");
    }
}
