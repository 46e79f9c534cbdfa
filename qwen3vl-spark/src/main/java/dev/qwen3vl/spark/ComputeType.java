package dev.qwen3vl.spark;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The {@code --dtype} option: the one place where a compute type name becomes the engine's {@link DataType}.
 *
 * <ul>
 *   <li>{@code auto} (default): float16 on a GPU, float32 on the CPU, the engine's natural choice per device.</li>
 *   <li>{@code float32} ({@code fp32}): anywhere.</li>
 *   <li>{@code float16} ({@code fp16}): a GPU only; libtorch's CPU kernels are slow or missing in half
 *       precision.</li>
 *   <li>{@code bfloat16} ({@code bf16}): refused until the engine computes in it.</li>
 * </ul>
 */
final class ComputeType {

    /** The names {@link #dataType} accepts, for messages. */
    static final String NAMES = "auto, float32 (fp32), float16 (fp16, GPU only)";

    private ComputeType() {
    }

    /**
     * The engine's compute type for a name on a device.
     *
     * @param dtype the option's value, case-insensitive
     * @param gpu   whether the model runs on a GPU
     * @return the data type to load and run the model in
     * @throws IllegalArgumentException for an unknown name, or one that the device or engine cannot run
     */
    static DataType dataType(String dtype, boolean gpu) {
        String name = dtype == null ? "auto" : dtype.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "auto" -> gpu ? DataType.FLOAT16 : DataType.FLOAT32;
            case "float32", "fp32" -> DataType.FLOAT32;
            case "float16", "fp16" -> {
                if (!gpu) {
                    throw new IllegalArgumentException("--dtype " + dtype + " needs a GPU, but this task runs on the "
                            + "CPU (no GPU assigned by Spark and no --device gpu); use float32 or auto on the CPU");
                }
                yield DataType.FLOAT16;
            }
            case "bfloat16", "bf16" -> throw new IllegalArgumentException("--dtype " + dtype + " is not supported by "
                    + "this version of the engine yet; use one of " + NAMES);
            default -> throw new IllegalArgumentException("Unknown --dtype '" + dtype + "'; use one of " + NAMES);
        };
    }
}
