package dev.qwen3vl.torch;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libtorch for the whole process, shared by DJL's PyTorch engine and the JavaCPP PyTorch preset (which reaches
 * the kernels DJL does not expose: BF16 tensors, fused attention, the INT8 GEMM).
 *
 * <p>{@link #start()} loads the preset first, then points DJL at the folder of the preset's extracted
 * {@code libtorch_cpu.so} through the system properties {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_FLAVOR} and
 * {@code PYTORCH_VERSION}, and only then starts DJL's engine, so that DJL links its JNI to the libraries already
 * loaded. If DJL's engine had started before (with its own libtorch), the process would map two copies; this is
 * checked in {@code /proc/self/maps} and refused. The engine calls it from model loading
 * ({@code NativeLibraries.torch()}); these system properties are the only process-wide side effect.
 */
public final class LibTorch {

    private static final Logger LOG = LoggerFactory.getLogger(LibTorch.class);
    /** The libtorch version the preset ships and DJL 0.36's JNI binds. */
    public static final String VERSION = "2.7.1";

    private static Path folder;
    private static String flavor;

    private LibTorch() {}

    /**
     * Loads the preset's libtorch and starts DJL's PyTorch engine on it (once; later calls return at once).
     *
     * @return DJL's PyTorch engine
     * @throws IllegalStateException when the preset cannot be loaded or a second libtorch is mapped
     */
    public static synchronized Engine start() {
        if (folder == null) {
            Loader.load(org.bytedeco.pytorch.global.torch.class);
            Path lib = loadedLibrary("libtorch_cpu.so");
            folder = lib.getParent();
            flavor = Files.exists(folder.resolve("libtorch_cuda.so")) ? "cu128" : "cpu";
            System.setProperty("PYTORCH_LIBRARY_PATH", folder.toString());
            System.setProperty("PYTORCH_FLAVOR", flavor);
            System.setProperty("PYTORCH_VERSION", VERSION);
            List<String> dangling = danglingLinks(folder);
            if (!dangling.isEmpty()) {
                System.setProperty("PYTORCH_LIBRARY_EXCLUSION", String.join(",", dangling));
            }
            LOG.info("libtorch {} ({}) from the PyTorch preset in {}; DJL's engine runs on it", VERSION, flavor, folder);
        }
        Engine engine = Engine.getEngine("PyTorch");
        checkSingleCopy(mappedCopies(readMaps()));
        return engine;
    }

    /** The folder of the libtorch in use (after {@link #start()}), or null before. */
    public static synchronized Path folder() {
        return folder;
    }

    /** {@code cpu} or {@code cu128} (after {@link #start()}), or null before. */
    public static synchronized String flavor() {
        return flavor;
    }

    /**
     * The distinct files named {@code libtorch_cpu.so} mapped according to {@code mapsLines} (lines of
     * {@code /proc/self/maps}); a {@code " (deleted)"} suffix is ignored.
     */
    static Set<String> mappedCopies(List<String> mapsLines) {
        Set<String> copies = new TreeSet<>();
        for (String line : mapsLines) {
            String l = line.endsWith(" (deleted)") ? line.substring(0, line.length() - " (deleted)".length()) : line;
            int slash = l.indexOf('/');
            if (slash >= 0 && l.endsWith("/libtorch_cpu.so")) {
                copies.add(l.substring(slash));
            }
        }
        return copies;
    }

    /** Fails naming both files when more than one libtorch is mapped. */
    static void checkSingleCopy(Set<String> copies) {
        if (copies.size() > 1) {
            throw new IllegalStateException("Two copies of libtorch are mapped into this process: " + copies
                    + ". DJL's PyTorch engine was started before the PyTorch preset was loaded (or a second libtorch is"
                    + " on the library path); start the engine through dev.qwen3vl.torch.LibTorch.start() first and"
                    + " remove ai.djl.pytorch:pytorch-native-* from the classpath (docs/natives.md)");
        }
    }

    private static List<String> readMaps() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux: nothing to check
        }
    }

    private static Path loadedLibrary(String fileName) {
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            String path = e.getValue();
            if (path != null && path.endsWith("/" + fileName)) {
                return Path.of(path);
            }
        }
        throw new IllegalStateException("The PyTorch preset loaded, but " + fileName + " is not among the libraries"
                + " it extracted: " + Loader.getLoadedLibraries().values());
    }

    private static List<String> danglingLinks(Path dir) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isSymbolicLink).filter(p -> !Files.exists(p))
                    .forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException e) {
            LOG.debug("Cannot list {}: {}", dir, e.toString());
        }
        return out;
    }
}
