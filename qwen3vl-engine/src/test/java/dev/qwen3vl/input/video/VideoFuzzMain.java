package dev.qwen3vl.input.video;

import dev.qwen3vl.testing.Mutator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The video fuzz loop, run in a child JVM by {@link VideoFuzzTest} (and scripts/fuzz.sh) so that a native abort in
 * FFmpeg ends the child, not the test run. Before each execution the input is written to {@code current.bin} in the
 * work folder, so a parent that sees the child die knows the input that killed it.
 *
 * <p>Arguments: {@code <seed> <executions> <work folder>}. Prints one line per finding ({@code FINDING ...}) and a
 * last line {@code done <executions> <outcome counts>}; exit status 0 when there was no finding, 3 otherwise.
 */
public final class VideoFuzzMain {

    private VideoFuzzMain() {}

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int executions = Integer.parseInt(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        List<byte[]> seeds = new ArrayList<>();
        int n = 0;
        for (TestVideos.Format format : TestVideos.Format.values()) {
            Path file = TestVideos.write(work.resolve("seed-" + n++ + "." + format.extension), format, 6, 10.0, 32,
                    24);
            seeds.add(Files.readAllBytes(file));
        }
        Mutator mutator = new Mutator(seeds, seed);
        VideoPreprocessor preprocessor = new VideoPreprocessor();
        Map<String, Integer> outcomes = new TreeMap<>();
        int findings = 0;
        Path current = work.resolve("current.bin");
        for (int i = 0; i < executions; i++) {
            byte[] input = mutator.next();
            Files.write(current, input);
            // the extension steers nothing (FFmpeg probes the content); one name for every input
            Path file = Files.copy(current, work.resolve("input.video"), StandardCopyOption.REPLACE_EXISTING);
            String outcome;
            try {
                preprocessor.fromFile(file, VideoOptions.defaults());
                outcome = "decoded";
            } catch (VideoDecodingException | IllegalArgumentException e) {
                outcome = e.getMessage() != null && e.getMessage().contains(file.toString())
                        ? "rejected: " + e.getClass().getSimpleName()
                        : "FINDING an error that does not name the file: " + e;
            } catch (RuntimeException | Error e) {
                outcome = "FINDING " + e;
            }
            if (outcome.startsWith("FINDING")) {
                findings++;
                Path saved = Files.copy(current, work.resolve("finding-" + i + ".bin"),
                        StandardCopyOption.REPLACE_EXISTING);
                System.out.println("FINDING input " + i + ": " + outcome + " (saved as " + saved + ")");
                outcome = "FINDING";
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        Files.deleteIfExists(current);
        System.out.println("done " + executions + " " + outcomes);
        System.out.flush();
        System.exit(findings == 0 ? 0 : 3);
    }
}
