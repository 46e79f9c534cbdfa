package dev.qwen3vl.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggingProgressListenerTest {

    private static final String MODEL = "Qwen/Qwen3-VL-Embedding-2B";

    @Test
    void should_format_a_progress_line_with_bar_percentage_sizes_speed_and_eta() {
        // 2.095 GB of 4.3 GB at 35 MB/s: 48 %, 2.205 GB left = 63 s.
        assertThat(LoggingProgressListener.format(MODEL, "model.safetensors", 2_095_000_000L, 4_300_000_000L, 35e6))
                .isEqualTo("Downloading Qwen/Qwen3-VL-Embedding-2B model.safetensors [#####     ] 48%"
                        + " 2.1 GB/4.3 GB 35 MB/s ETA 1m03s");
    }

    @Test
    void should_format_small_files_unknown_sizes_and_unknown_speeds() {
        assertThat(LoggingProgressListener.format(MODEL, "config.json", 1602, 1602, 2.5e6))
                .isEqualTo("Downloading Qwen/Qwen3-VL-Embedding-2B config.json [##########] 100% 1.6 kB/1.6 kB"
                        + " 2.5 MB/s ETA 0s");
        assertThat(LoggingProgressListener.format(MODEL, "tokenizer_config.json", 9400, 9700, 41e6))
                .isEqualTo("Downloading Qwen/Qwen3-VL-Embedding-2B tokenizer_config.json [######### ] 96%"
                        + " 9.4 kB/9.7 kB 41 MB/s ETA 0s");
        assertThat(LoggingProgressListener.format(MODEL, "a.bin", 999, -1, Double.NaN))
                .isEqualTo("Downloading Qwen/Qwen3-VL-Embedding-2B a.bin 999 B");
        assertThat(LoggingProgressListener.format(MODEL, "b.bin", 0, 17_200_000_000L, 1.5e6))
                .isEqualTo("Downloading Qwen/Qwen3-VL-Embedding-2B b.bin [          ] 0% 0 B/17.2 GB 1.5 MB/s"
                        + " ETA 3h11m");
    }

    @Test
    void should_log_every_ten_percent_when_the_download_is_fast() {
        long[] now = {0};
        List<String> lines = new ArrayList<>();
        LoggingProgressListener listener = new LoggingProgressListener(() -> now[0], lines::add);

        for (long done = 0; done <= 1000; done += 5) {
            now[0] = done * 1_000_000L; // 5 bytes per ms: 1 second in all
            listener.onProgress(MODEL, "f", done, 1000);
        }

        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).contains("] 10% 100 B/1.0 kB");
        assertThat(lines.get(9)).contains("[##########] 100% 1.0 kB/1.0 kB 1.0 kB/s ETA 0s");
    }

    @Test
    void should_log_only_the_completion_of_a_file_that_arrives_at_once() {
        long[] now = {0};
        List<String> lines = new ArrayList<>();
        LoggingProgressListener listener = new LoggingProgressListener(() -> now[0], lines::add);

        listener.onProgress(MODEL, "config.json", 0, 1600);
        now[0] = 3_000_000L;
        listener.onProgress(MODEL, "config.json", 1500, 1600);
        now[0] = 4_000_000L;
        listener.onProgress(MODEL, "config.json", 1600, 1600);

        assertThat(lines).containsExactly("Downloading Qwen/Qwen3-VL-Embedding-2B config.json [##########] 100%"
                + " 1.6 kB/1.6 kB 400 kB/s ETA 0s");
    }

    @Test
    void should_log_at_most_every_two_seconds_when_the_download_is_slow() {
        long[] now = {0};
        List<String> lines = new ArrayList<>();
        LoggingProgressListener listener = new LoggingProgressListener(() -> now[0], lines::add);

        for (long done = 0; done <= 100; done++) {
            now[0] = done * 500_000_000L; // 2 bytes per second: 10 % takes 50 s
            listener.onProgress(MODEL, "f", done, 1000);
        }

        // 50 s in 0.5 s steps: a line every 2 s (at 2, 4, ... 50 s).
        assertThat(lines).hasSize(25);
        assertThat(lines.get(0)).contains("] 0% 4 B/1.0 kB 2.0 B/s ETA 8m18s");
        assertThat(lines.get(24)).contains("] 10% 100 B/1.0 kB");
    }
}
