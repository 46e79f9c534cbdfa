package dev.qwen3vl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The jar the module under test has just packaged (integration tests run after {@code package}): its path comes
 * from the system property {@code qwen3vl.built-jar}, set by the module's failsafe configuration.
 */
public final class BuiltJar {

    private BuiltJar() {}

    /** The packaged jar. */
    public static Path path() {
        String jar = System.getProperty("qwen3vl.built-jar");
        if (jar == null || jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No packaged jar at qwen3vl.built-jar=" + jar
                    + " (run the integration tests through Maven's verify phase)");
        }
        return Path.of(jar);
    }

    /** The names of every entry of the packaged jar. */
    public static List<String> entries() {
        try (JarFile jar = new JarFile(path().toFile())) {
            return jar.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path(), e);
        }
    }
}
