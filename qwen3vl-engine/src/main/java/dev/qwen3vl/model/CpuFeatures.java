package dev.qwen3vl.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The instruction-set extensions of this machine's CPU that decide which compute types are fast, read from
 * {@code /proc/cpuinfo} (Linux; elsewhere the set is empty and nothing is assumed).
 *
 * @param model the CPU's model name, or "unknown"
 * @param flags the extensions this class knows about that the CPU has
 */
public record CpuFeatures(String model, Set<String> flags) {

    /** The extensions reported: AVX2, AVX-512 and its BF16/FP16/VNNI parts, AMX. */
    public static final List<String> KNOWN = List.of("avx2", "fma", "avx512f", "avx512_bf16", "avx512_fp16",
            "avx512_vnni", "amx_bf16", "amx_int8", "amx_tile");

    /** Copies the flag set. */
    public CpuFeatures {
        flags = Set.copyOf(flags);
    }

    /** The features of this machine's CPU. */
    public static CpuFeatures current() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return new CpuFeatures("unknown", Set.of());
        }
    }

    /** The features described by the lines of a {@code /proc/cpuinfo} (its first processor). */
    public static CpuFeatures parse(List<String> cpuinfo) {
        String model = "unknown";
        Set<String> flags = new TreeSet<>();
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("flags") && flags.isEmpty()) {
                Arrays.stream(value.split("\\s+")).filter(KNOWN::contains).forEach(flags::add);
            }
        }
        return new CpuFeatures(model, flags);
    }

    /** Whether the CPU has {@code flag} (one of {@link #KNOWN}). */
    public boolean has(String flag) {
        return flags.contains(flag);
    }
}
