package dev.qwen3vl.input.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFileErrorsTest {

    @TempDir
    Path tmp;

    private final VideoPreprocessor preprocessor = new VideoPreprocessor();

    @Test
    void should_name_an_empty_file() throws Exception {
        Path file = Files.createFile(tmp.resolve("empty.mp4"));
        assertThatThrownBy(() -> preprocessor.fromFile(file, VideoOptions.defaults()))
                .isInstanceOf(VideoDecodingException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("empty");
    }

    @Test
    void should_name_a_missing_file() {
        Path file = tmp.resolve("missing.mp4");
        assertThatThrownBy(() -> VideoFileDecoder.open(file))
                .isInstanceOf(VideoDecodingException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no such file");
    }

    @Test
    void should_name_a_file_of_random_bytes() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Path file = Files.write(tmp.resolve("noise.mp4"), noise);
        assertThatThrownBy(() -> preprocessor.fromFile(file, VideoOptions.defaults()))
                .isInstanceOf(VideoDecodingException.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(((VideoDecodingException) e).file()).isEqualTo(file));
    }

    @Test
    void should_name_a_truncated_clip() throws Exception {
        byte[] clip = Files.readAllBytes(Fixtures.root().resolve("video-file/clip.mp4"));
        Path file = Files.write(tmp.resolve("truncated.mp4"), Arrays.copyOf(clip, clip.length / 2));
        assertThatThrownBy(() -> preprocessor.fromFile(file, VideoOptions.defaults()))
                .isInstanceOf(VideoDecodingException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void should_name_a_file_without_video() throws Exception {
        // a valid WAV file: one second of 8 kHz 16-bit mono silence
        int samples = 8000;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        Path file = Files.write(tmp.resolve("silence.wav"), wav.array());
        assertThatThrownBy(() -> VideoFileDecoder.open(file))
                .isInstanceOf(VideoDecodingException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no video stream");
    }

    @Test
    void should_name_a_video_of_one_frame() throws Exception {
        Path file = TestVideos.write(tmp.resolve("one.mp4"), TestVideos.Format.MP4_H264, 1, 10.0, 64, 48);
        assertThatThrownBy(() -> preprocessor.fromFile(file, VideoOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("between 2 and 1 sampled frames");
    }

    @Test
    void should_reject_indices_outside_the_video_and_use_after_close() {
        VideoFileDecoder decoder = VideoFileDecoder.open(Fixtures.root().resolve("video-file/clip.mp4"));
        try (decoder) {
            assertThatThrownBy(() -> decoder.decode(new int[] {0, 24}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Frame index 24 is outside [0, 24)");
        }
        assertThatThrownBy(() -> decoder.decode(new int[] {0}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
