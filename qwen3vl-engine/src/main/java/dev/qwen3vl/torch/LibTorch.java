package dev.qwen3vl.torch;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
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
 * the kernels DJL does not expose: BF16 tensors, fused attention, the INT8 GEMM). Both bind libtorch 2.7.1 with the
 * same exported symbols, so either copy can serve both; {@link #start()} makes sure only one is loaded:
 *
 * <ul>
 *   <li>When DJL has a libtorch of its own ({@code ai.djl.pytorch:pytorch-native-*} on the class path, as with
 *       {@code qwen3vl-natives-cpu}, or {@code PYTORCH_LIBRARY_PATH}), DJL's engine starts first and its
 *       {@code libc10}, {@code libtorch_cpu}, {@code libtorch} (and CUDA libraries) are registered with JavaCPP's
 *       loader before the preset loads, so the preset's JNI links to them. DJL's CPU build uses MKL, which is 1.7 to
 *       3.5 times faster than the preset's OpenBLAS build for the skinny float32 GEMMs of small batches.</li>
 *   <li>Otherwise (the preset's own libtorch, e.g. its CUDA build in {@code qwen3vl-natives-cuda}) the preset loads
 *       first and DJL is pointed at the folder of its extracted {@code libtorch_cpu.so} through the system properties
 *       {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_FLAVOR} and {@code PYTORCH_VERSION}, so that DJL links its JNI to
 *       the libraries already loaded.</li>
 * </ul>
 *
 * Two mapped copies would corrupt libtorch's operator registry; that is checked in {@code /proc/self/maps} and
 * refused. The engine calls this from model loading ({@code NativeLibraries.torch()}).
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
        Engine engine;
        if (folder == null) {
            engine = djlHasOwnLibtorch() ? startDjlFirst() : startPresetFirst();
        } else {
            engine = Engine.getEngine("PyTorch");
        }
        checkSingleCopy(mappedCopies(readMaps()));
        return engine;
    }

    // DJL's native jar (or a libtorch folder given to DJL): DJL's libtorch serves the preset too
    private static boolean djlHasOwnLibtorch() {
        ClassLoader loader = LibTorch.class.getClassLoader();
        return System.getenv("PYTORCH_LIBRARY_PATH") != null || System.getProperty("PYTORCH_LIBRARY_PATH") != null
                || (loader != null && loader.getResource("native/lib/pytorch.properties") != null);
    }

    private static Engine startDjlFirst() {
        Engine engine = Engine.getEngine("PyTorch");
        Set<String> mapped = mappedCopies(readMaps());
        if (mapped.size() != 1) {
            throw new IllegalStateException("DJL's PyTorch engine started, but " + mapped.size() + " libtorch_cpu.so"
                    + " files are mapped (" + mapped + "); expected exactly one");
        }
        Path dir = Path.of(mapped.iterator().next()).getParent();
        for (String name : List.of("c10", "torch_cpu", "c10_cuda", "torch_cuda", "torch")) {
            Path file = dir.resolve("lib" + name + ".so");
            if (Files.exists(file)) {
                try {
                    // already loaded by DJL: this records it as the preset's library of that name
                    Loader.loadLibrary(org.bytedeco.pytorch.global.torch.class,
                            new URL[] {file.toUri().toURL()}, name);
                } catch (MalformedURLException e) {
                    throw new IllegalStateException("Cannot name " + file + " for the PyTorch preset", e);
                }
            }
        }
        Loader.load(org.bytedeco.pytorch.global.torch.class);
        folder = dir;
        flavor = Files.exists(dir.resolve("libtorch_cuda.so")) ? "cuda" : "cpu";
        LOG.info("libtorch {} ({}) of DJL's engine in {}; the PyTorch preset's kernels run on it", VERSION, flavor, dir);
        return engine;
    }

    private static Engine startPresetFirst() {
        Loader.load(org.bytedeco.pytorch.global.torch.class);
        Path lib = loadedLibrary("libtorch_cpu.so");
        Path dir = lib.getParent();
        flavor = Files.exists(dir.resolve("libtorch_cuda.so")) ? "cu128" : "cpu";
        System.setProperty("PYTORCH_LIBRARY_PATH", dir.toString());
        System.setProperty("PYTORCH_FLAVOR", flavor);
        System.setProperty("PYTORCH_VERSION", VERSION);
        List<String> dangling = danglingLinks(dir);
        if (!dangling.isEmpty()) {
            System.setProperty("PYTORCH_LIBRARY_EXCLUSION", String.join(",", dangling));
        }
        folder = dir;
        LOG.info("libtorch {} ({}) from the PyTorch preset in {}; DJL's engine runs on it", VERSION, flavor, dir);
        return Engine.getEngine("PyTorch");
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
                    + ". DJL's PyTorch engine and the PyTorch preset were started separately; start them through"
                    + " dev.qwen3vl.torch.LibTorch.start() (docs/natives.md)");
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
