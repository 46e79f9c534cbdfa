package dev.qwen3vl.hub;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link DownloadProgressListener}: logs (slf4j, INFO) lines such as
 * {@code Downloading Qwen/Qwen3-VL-Embedding-2B model.safetensors [#####     ] 48% 2.1 GB/4.3 GB 35 MB/s ETA 1m03s}.
 * A line is written when a file completes, and while it downloads whenever 2 seconds have passed or another 10
 * percent is done since the file's last line, whichever comes first (but never twice within 0.1 second, so that
 * small files get just their completion line). Sizes and speeds are in decimal units; the speed is the average
 * since the file started. Thread-safe.
 */
public final class LoggingProgressListener implements DownloadProgressListener {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingProgressListener.class);
    private static final long INTERVAL_NANOS = 2_000_000_000L;
    private static final long MIN_GAP_NANOS = 100_000_000L;
    private static final int STEP_PERCENT = 10;
    private static final int BAR_WIDTH = 10;

    private final LongSupplier nanoClock;
    private final Consumer<String> sink;
    private final Map<String, FileState> files = new ConcurrentHashMap<>();

    /** A listener that logs through slf4j. */
    public LoggingProgressListener() {
        this(System::nanoTime, LOG::info);
    }

    LoggingProgressListener(LongSupplier nanoClock, Consumer<String> sink) {
        this.nanoClock = nanoClock;
        this.sink = sink;
    }

    @Override
    public void onProgress(String modelId, String fileName, long bytesDone, long totalBytes) {
        long now = nanoClock.getAsLong();
        String key = modelId + '\n' + fileName;
        FileState state = files.computeIfAbsent(key,
                k -> new FileState(now, bytesDone, percent(bytesDone, totalBytes)));
        boolean finished = totalBytes >= 0 && bytesDone >= totalBytes;
        String line = null;
        synchronized (state) {
            int percent = percent(bytesDone, totalBytes);
            long sinceLastLine = now - state.lastLineNanos;
            if (finished || sinceLastLine >= INTERVAL_NANOS
                    || (percent - state.lastPercent >= STEP_PERCENT && sinceLastLine >= MIN_GAP_NANOS)) {
                double seconds = (now - state.startNanos) / 1e9;
                double speed = seconds > 0 ? (bytesDone - state.startBytes) / seconds : Double.NaN;
                line = format(modelId, fileName, bytesDone, totalBytes, speed);
                state.lastLineNanos = now;
                state.lastPercent = percent;
            }
        }
        if (finished) {
            files.remove(key);
        }
        if (line != null) {
            sink.accept(line);
        }
    }

    /**
     * One progress line.
     *
     * @param bytesPerSecond the speed, or NaN (or not positive) when not known yet
     */
    static String format(String modelId, String fileName, long done, long total, double bytesPerSecond) {
        StringBuilder line = new StringBuilder("Downloading ").append(modelId).append(' ').append(fileName);
        boolean knownSpeed = bytesPerSecond > 0 && !Double.isInfinite(bytesPerSecond);
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            if (done < total) {
                filled = Math.min(filled, BAR_WIDTH - 1);
            }
            line.append(" [").append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(percent(done, total)).append("% ").append(bytes(done)).append('/').append(bytes(total));
        } else {
            line.append(' ').append(bytes(done));
        }
        if (knownSpeed) {
            line.append(' ').append(speed(bytesPerSecond));
            if (total > 0) {
                line.append(" ETA ").append(duration(Math.max(0, total - done) / bytesPerSecond));
            }
        }
        return line.toString();
    }

    private static int percent(long done, long total) {
        return total > 0 ? (int) Math.min(100, done * 100 / total) : 0;
    }

    /** A size in decimal units with one decimal: 950 B, 1.6 kB, 2.1 GB. */
    static String bytes(double bytes) {
        if (bytes < 1000) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes / 1000;
        int unit = 0;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String speed(double bytesPerSecond) {
        String[] units = {"B/s", "kB/s", "MB/s", "GB/s"};
        double value = bytesPerSecond;
        int unit = 0;
        while (value >= 999.5 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }

    /** Where a file's log lines stand. */
    private static final class FileState {
        final long startNanos;
        final long startBytes;
        long lastLineNanos;
        int lastPercent;

        FileState(long startNanos, long startBytes, int startPercent) {
            this.startNanos = startNanos;
            this.startBytes = startBytes;
            this.lastLineNanos = startNanos;
            this.lastPercent = startPercent;
        }
    }
}
