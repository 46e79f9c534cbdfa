package dev.qwen3vl.input.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Hostile video files: seeded mutations of small MP4/H.264, MOV/MPEG-4, WebM/VP9 and AVI/MJPEG clips go through
 * the whole file path (FFmpeg demuxing, indexing, decoding, resizing). FFmpeg is native code, so the loop runs in
 * a child JVM ({@link VideoFuzzMain}): a native abort ends the child, and this test reports it with the input that
 * caused it. Bounded by executions ({@code -Dqwen3vl.fuzz.video.executions}, default 1,000); the watchdog only
 * catches a hang.
 */
class VideoFuzzTest {

    static final int EXECUTIONS = Integer.getInteger("qwen3vl.fuzz.video.executions", 1_000);
    static final long SEED = Long.getLong("qwen3vl.fuzz.seed", 16);

    @Test
    void mutated_videos_decode_or_fail_with_a_clear_error_in_a_child_jvm() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "fuzz-video"));
        Path log = work.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                VideoFuzzMain.class.getName(), Long.toString(SEED), Integer.toString(EXECUTIONS), work.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // a watchdog for hangs, far above the time the executions take
        boolean ended = child.waitFor(60L + EXECUTIONS * 3L, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Path current = work.resolve("current.bin");
        String last = output.lines().filter(l -> l.startsWith("done ") || l.startsWith("FINDING"))
                .reduce("", (a, b) -> a + "\n" + b);
        System.out.println("fuzz video:" + last);
        assertThat(ended).as("the child finished (else it hung on %s)", current).isTrue();
        assertThat(child.exitValue())
                .as("child exit status (134/139: a native abort on the input left in %s); output:%n%s", current,
                        output.length() > 4000 ? output.substring(output.length() - 4000) : output)
                .isZero();
        assertThat(output).contains("done " + EXECUTIONS);
    }
}
