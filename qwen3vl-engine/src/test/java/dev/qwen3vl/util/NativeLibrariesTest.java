package dev.qwen3vl.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a natives artifact, the engine says what to add: run in a child JVM whose class path is this one's minus
 * the native jars, with empty DJL and JavaCPP caches (so that nothing extracted by earlier runs is found).
 */
class NativeLibrariesTest {

    /** The child JVM: tries both stacks and prints each error message on one line. */
    public static void main(String[] args) {
        try {
            NativeLibraries.torch();
            System.out.println("torch: loaded");
        } catch (IllegalStateException e) {
            System.out.println("torch: " + e.getMessage().replace('\n', ' '));
        }
        try {
            NativeLibraries.requireFfmpeg();
            System.out.println("ffmpeg: loaded");
        } catch (IllegalStateException e) {
            System.out.println("ffmpeg: " + e.getMessage().replace('\n', ' '));
        }
    }

    @Test
    void without_natives_both_stacks_fail_with_the_artifact_to_add(@TempDir Path cache) throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("pytorch-native-") && !entry.contains("pytorch-jni")
                        && !entry.endsWith("-linux-x86_64.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        String output = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Dai.djl.offline=true", "-Dorg.bytedeco.javacpp.cachedir=" + cache.resolve("javacpp"),
                NativeLibrariesTest.class.getName()), cache.resolve("djl"));

        assertThat(output).containsPattern("torch: libtorch could not be loaded: .*dev\\.qwen3vl:qwen3vl-natives-cpu")
                .containsPattern("ffmpeg: FFmpeg could not be loaded, so video files cannot be decoded: .*"
                        + "dev\\.qwen3vl:qwen3vl-natives-cpu");
    }

    private static String run(List<String> command, Path djlCache) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DJL_CACHE_DIR", djlCache.toString());
        builder.environment().put("ENGINE_CACHE_DIR", djlCache.toString());
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().remove("PYTORCH_LIBRARY_PATH");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
        return output;
    }
}
