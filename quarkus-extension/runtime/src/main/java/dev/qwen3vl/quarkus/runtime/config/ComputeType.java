package dev.qwen3vl.quarkus.runtime.config;

/** The compute type of the forward pass. */
public enum ComputeType {
    /** 32-bit floating point. */
    FLOAT32,
    /** 16-bit floating point (GPU). */
    FLOAT16;

    /** The name the engine's builders take, e.g. {@code float16}. */
    public String engineName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
