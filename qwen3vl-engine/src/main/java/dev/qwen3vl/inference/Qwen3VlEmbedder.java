package dev.qwen3vl.inference;

import dev.qwen3vl.input.EncodedSequence;
import dev.qwen3vl.input.PromptBuilder;
import dev.qwen3vl.input.PromptPart;
import dev.qwen3vl.input.Qwen3Tokenizer;
import dev.qwen3vl.input.Visual;
import dev.qwen3vl.model.Qwen3VlModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Qwen3-VL-Embedding: texts, images and videos into one vector space (the reference
 * {@code Qwen3VLEmbedder}). The embedding is the
 * final-normed hidden state of the appended {@code <|endoftext|>} token, truncated to the requested Matryoshka
 * dimension and L2-normalised. Thread-safe: concurrent calls share forward passes through a
 * {@link BatchScheduler}.
 */
public final class Qwen3VlEmbedder implements AutoCloseable {

    /** Default maximum tokens per input. */
    public static final int DEFAULT_MAX_LENGTH = 8192;

    private final ModelRuntime runtime;

    private Qwen3VlEmbedder(ModelRuntime runtime) {
        this.runtime = runtime;
    }

    /** Loads the embedding model in {@code folder}. */
    public static Qwen3VlEmbedder load(Path folder, EngineSettings settings) {
        return new Qwen3VlEmbedder(new ModelRuntime(folder, settings, "embedding"));
    }

    /** Wraps an already loaded model and tokenizer (closed with this embedder). */
    public static Qwen3VlEmbedder of(Qwen3VlModel model, Qwen3Tokenizer tokenizer, EngineSettings settings) {
        return new Qwen3VlEmbedder(new ModelRuntime(model, tokenizer, settings, "embedding"));
    }

    /** The size of full embeddings (the model's hidden size). */
    public int hiddenSize() {
        return runtime.model.config().text().hiddenSize();
    }

    /** The compute type the model runs in (AUTO resolved when it loaded) and why it was chosen. */
    public dev.qwen3vl.model.ComputeType.Resolved computeType() {
        return runtime.model.computeType();
    }

    /** The scheduler running the forward passes (counts, observers). */
    public BatchScheduler scheduler() {
        return runtime.scheduler;
    }

    /** Embeds one input. */
    public EmbeddingResult embed(EmbedRequest request) {
        return embedAll(List.of(request)).get(0);
    }

    /** Embeds inputs in order; they are batched together and with other callers' inputs. */
    public List<EmbeddingResult> embedAll(List<EmbedRequest> requests) {
        List<EncodedSequence> sequences = new ArrayList<>(requests.size());
        for (EmbedRequest r : requests) {
            checkDimension(r.dimension());
            sequences.add(encode(r));
        }
        List<float[]> states = runtime.scheduler.runAll(sequences);
        List<EmbeddingResult> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            out.add(result(requests.get(i), sequences.get(i), states.get(i)));
        }
        return out;
    }

    /** Embeds an already encoded input (see {@link #encode}); {@code dimension} null means full size. */
    public EmbeddingResult embed(EncodedSequence sequence, Integer dimension) {
        checkDimension(dimension);
        float[] state = BatchScheduler.join(runtime.scheduler.submit(sequence));
        return new EmbeddingResult(Pooling.embedding(state, dimension != null ? dimension : state.length),
                sequence.length());
    }

    /**
     * Queues one input and returns at once; the future completes when its batch has run. Cancelling it drops the
     * input if its forward pass has not started.
     */
    public CompletableFuture<EmbeddingResult> embedAsync(EmbedRequest request) {
        checkDimension(request.dimension());
        EncodedSequence s = encode(request);
        CompletableFuture<float[]> state = runtime.scheduler.submit(s);
        CompletableFuture<EmbeddingResult> out = state.thenApply(st -> result(request, s, st));
        out.whenComplete((r, e) -> {
            if (out.isCancelled()) {
                state.cancel(false);
            }
        });
        return out;
    }

    /** The prompt ids and positions of a request (preprocessing its images and videos). */
    public EncodedSequence encode(EmbedRequest r) {
        MultimodalContent c = r.content();
        List<Visual> visuals = runtime.visuals(c);
        List<PromptPart> prompt = PromptBuilder.embedding(r.instruction(), c.videos().size(), c.images().size(),
                c.texts());
        return runtime.encoder.embedding(prompt, visuals, runtime.maxLength(DEFAULT_MAX_LENGTH),
                runtime.settings.truncate());
    }

    private EmbeddingResult result(EmbedRequest r, EncodedSequence s, float[] state) {
        int dimension = r.dimension() != null ? r.dimension() : state.length;
        return new EmbeddingResult(Pooling.embedding(state, dimension), s.length());
    }

    private void checkDimension(Integer dimension) {
        if (dimension != null && (dimension < 1 || dimension > hiddenSize())) {
            throw new IllegalArgumentException("Embedding dimension must be between 1 and " + hiddenSize()
                    + " (the model card recommends at least 64), got " + dimension);
        }
    }

    /** Stops the worker and releases the model's native memory. */
    @Override
    public void close() {
        runtime.close();
    }
}
