package dev.qwen3vl.spark;

import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.CpuFeatures;
import java.io.Serializable;

/**
 * How each source is embedded. Travels to the executors inside the tasks: only names and numbers, never the model.
 *
 * @param model        a model folder (present on every executor) or a hub id such as
 *                     {@code Qwen/Qwen3-VL-Embedding-2B}, resolved on each executor (Hugging Face cache, download when
 *                     {@code HF_ENDPOINT} is set there)
 * @param modelId      the model's name in row keys and outputs; keeps keys stable when the folder moves
 * @param dimension    the Matryoshka dimension of the stored vectors
 * @param instruction  the embedding instruction, or {@code null} for the model's default
 * @param dtype        the compute type name, see {@link ComputeType#parse}
 * @param device       {@code auto} (the task's GPU when Spark assigns one, else the CPU), {@code cpu}, {@code gpu} or
 *                     {@code gpu:N}
 * @param batchSize    inputs per forward pass, and the most rows per database transaction unless one file has more
 * @param torchThreads libtorch threads per executor JVM, or {@code null} for one per core
 * @param chunkChars   the most characters of a text chunk (and of the text that goes with a PDF page)
 * @param pdfDpi       the resolution PDF pages are rendered at
 * @param maxFileBytes the largest file accepted
 */
public record EmbedSettings(String model, String modelId, int dimension, String instruction, String dtype,
        String device, int batchSize, Integer torchThreads, int chunkChars, int pdfDpi, long maxFileBytes)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks every value; the messages name the command-line option. */
    public EmbedSettings {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("--model is required: a model folder or a hub id such as "
                    + "Qwen/Qwen3-VL-Embedding-2B");
        }
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("--model-id cannot be blank");
        }
        if (dimension < 1 || dimension > 16000) {
            throw new IllegalArgumentException("--dimension must be between 1 and 16000 (pgvector's halfvec limit), "
                    + "got " + dimension + "; Qwen3-VL-Embedding-2B has 2048, -8B 4096, and any smaller Matryoshka "
                    + "dimension (the model card recommends at least 64) works");
        }
        TaskDevice.check(device);
        try {
            ComputeType.parse(dtype).resolve(!device.strip().equalsIgnoreCase("cpu"), CpuFeatures.current());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dtype: " + e.getMessage(), e);
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("--batch-size must be between 1 and 1024, got " + batchSize);
        }
        if (torchThreads != null && torchThreads < 1) {
            throw new IllegalArgumentException("--torch-threads must be at least 1, got " + torchThreads);
        }
        if (chunkChars < 100) {
            throw new IllegalArgumentException("--chunk-chars must be at least 100, got " + chunkChars);
        }
        if (pdfDpi < 36 || pdfDpi > 600) {
            throw new IllegalArgumentException("--pdf-dpi must be between 36 and 600, got " + pdfDpi);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("--max-file-bytes must be positive, got " + maxFileBytes);
        }
    }

    /**
     * The default model id for a model reference: a hub id as it is, the last name of a folder path.
     *
     * @param model the model reference
     * @return its id
     */
    static String defaultModelId(String model) {
        String ref = model.strip();
        while (ref.length() > 1 && (ref.endsWith("/") || ref.endsWith("\\"))) {
            ref = ref.substring(0, ref.length() - 1);
        }
        boolean path = ref.startsWith("/") || ref.startsWith(".") || ref.startsWith("~") || ref.contains("\\")
                || ref.chars().filter(c -> c == '/').count() != 1;
        return path ? ref.substring(Math.max(ref.lastIndexOf('/'), ref.lastIndexOf('\\')) + 1) : ref;
    }
}
