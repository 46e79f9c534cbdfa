package dev.qwen3vl.util;

import ai.djl.engine.Engine;
import dev.qwen3vl.torch.LibTorch;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;

/**
 * The engine's two native stacks — libtorch (through DJL's PyTorch engine) and FFmpeg (through JavaCPP) — with an
 * error that says which artifact is missing when one cannot be loaded (docs/natives.md).
 */
public final class NativeLibraries {

    private static final String HINT = " Add the native libraries of your platform, e.g. the Maven dependency"
            + " dev.qwen3vl:qwen3vl-natives-cpu (type pom) on Linux x86-64; see docs/natives.md.";

    private NativeLibraries() {}

    /**
     * DJL's PyTorch engine, loading libtorch on first use: the PyTorch preset's libtorch, shared with DJL
     * ({@link LibTorch#start()}). Everything that needs libtorch goes through here before touching DJL's engine.
     */
    public static Engine torch() {
        try {
            return LibTorch.start();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("libtorch could not be loaded: " + e.getMessage() + "." + HINT, e);
        }
    }

    /** Loads FFmpeg's libraries (once; later calls return at once). */
    public static void requireFfmpeg() {
        try {
            Loader.load(avutil.class);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("FFmpeg could not be loaded, so video files cannot be decoded: "
                    + e.getMessage() + "." + HINT, e);
        }
    }
}
