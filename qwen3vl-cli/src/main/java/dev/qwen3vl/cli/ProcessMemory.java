package dev.qwen3vl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from {@code /proc/self/status} (Linux), in MiB; −1 elsewhere. */
final class ProcessMemory {

    private ProcessMemory() {}

    /** Current resident set size. */
    static long rssMiB() {
        return field("VmRSS:");
    }

    /** Resident anonymous memory (heap, native allocations; not file pages). */
    static long anonMiB() {
        return field("RssAnon:");
    }

    /** Resident file-backed pages (e.g. memory-mapped checkpoints; the kernel can drop them). */
    static long fileMiB() {
        return field("RssFile:");
    }

    /** Peak resident set size. */
    static long peakRssMiB() {
        return field("VmHWM:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
