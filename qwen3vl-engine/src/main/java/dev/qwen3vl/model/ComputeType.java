package dev.qwen3vl.model;

import java.util.Locale;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The element type the linear layers' weights are held in and their GEMMs run in. Activations between the layers,
 * RMSNorm statistics, softmax (attention), rotary tables, pooling, L2 normalisation and the reranker's yes/no head
 * stay float32, as the reference computes them.
 */
public enum ComputeType {
    /** Exact mode: everything in float32 (the golden outputs' precision). */
    FLOAT32("float32", 4, ScalarType.Float),
    /** The checkpoints' own precision: half the weight memory, fast on CPUs with avx512_bf16 or AMX and on CUDA. */
    BFLOAT16("bfloat16", 2, ScalarType.BFloat16),
    /** CUDA only: CPUs have no fast FP16 arithmetic. */
    FLOAT16("float16", 2, ScalarType.Half),
    /** Chosen per device and CPU by {@link #resolve}. */
    AUTO("auto", 0, null);

    /** The spellings {@link #parse} accepts. */
    public static final String ACCEPTED = "float32 (fp32), bfloat16 (bf16), float16 (fp16), auto";

    private final String label;
    private final int bytes;
    private final ScalarType scalarType;

    ComputeType(String label, int bytes, ScalarType scalarType) {
        this.label = label;
        this.bytes = bytes;
        this.scalarType = scalarType;
    }

    /** The lower-case name used in options, logs and JSON: {@code float32}, {@code bfloat16}, ... */
    public String label() {
        return label;
    }

    /** Bytes per weight element (0 for AUTO). */
    public int bytes() {
        return bytes;
    }

    /** libtorch's scalar type (null for AUTO). */
    public ScalarType scalarType() {
        return scalarType;
    }

    /**
     * The type named by {@code text}: float32/fp32, bfloat16/bf16, float16/fp16 or auto, case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ComputeType parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "float32", "fp32" -> FLOAT32;
            case "bfloat16", "bf16" -> BFLOAT16;
            case "float16", "fp16" -> FLOAT16;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException(
                    "Unknown dtype '" + text + "'; accepted values: " + ACCEPTED);
        };
    }

    /**
     * The concrete type this one means on a device, with the reason.
     *
     * @param gpu whether the model runs on a CUDA device
     * @param cpu the CPU's features (used on the CPU)
     * @throws IllegalArgumentException for FLOAT16 on the CPU
     */
    public Resolved resolve(boolean gpu, CpuFeatures cpu) {
        switch (this) {
            case AUTO:
                if (gpu) {
                    return new Resolved(BFLOAT16, "auto: bfloat16 on a CUDA device");
                }
                if (cpu.has("amx_bf16")) {
                    return new Resolved(BFLOAT16, "auto: bfloat16, the CPU has AMX (amx_bf16)");
                }
                if (cpu.has("avx512_bf16")) {
                    return new Resolved(BFLOAT16, "auto: bfloat16, the CPU has avx512_bf16");
                }
                return new Resolved(FLOAT32, "auto: float32, the CPU (" + cpu.model() + ") has neither avx512_bf16"
                        + " nor AMX, so bfloat16 GEMMs would not be faster than float32");
            case FLOAT16:
                if (!gpu) {
                    throw new IllegalArgumentException("dtype float16 is for CUDA devices only: this CPU has no fast"
                            + " float16 arithmetic (libtorch runs FP16 GEMMs on it about 400x slower than float32);"
                            + " use bfloat16, float32 or auto");
                }
                return new Resolved(FLOAT16, "float16 as requested");
            default:
                return new Resolved(this, label + " as requested");
        }
    }

    /**
     * A concrete compute type and why it was chosen.
     *
     * @param type FLOAT32, BFLOAT16 or FLOAT16
     * @param reason one line for logs and {@code doctor}
     */
    public record Resolved(ComputeType type, String reason) {}
}
