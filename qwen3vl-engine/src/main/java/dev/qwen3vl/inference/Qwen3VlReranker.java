package dev.qwen3vl.inference;

import dev.qwen3vl.input.EncodedSequence;
import dev.qwen3vl.input.PromptBuilder;
import dev.qwen3vl.input.PromptPart;
import dev.qwen3vl.input.Qwen3Tokenizer;
import dev.qwen3vl.input.Visual;
import dev.qwen3vl.model.Qwen3VlModel;
import dev.qwen3vl.util.BoundedCache;
import dev.qwen3vl.util.Vectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Qwen3-VL-Reranker: the relevance of a document to a query, both of which may hold texts, images and videos
 * (the reference {@code Qwen3VLReranker}). score = sigmoid(h · (W[yes] − W[no])) with h the final-normed hidden state of the prompt's last
 * token and W the LM head (tied or not). Thread-safe; pairs from concurrent calls share forward passes.
 */
public final class Qwen3VlReranker implements AutoCloseable {

    /** Default maximum tokens of a pair (before the 5 tail tokens). */
    public static final int DEFAULT_MAX_LENGTH = 10240;

    private final ModelRuntime runtime;
    private final float[] yesMinusNo; // [H]

    private Qwen3VlReranker(ModelRuntime runtime) {
        this.runtime = runtime;
        float[] yes = runtime.model.lmHeadRow(runtime.tokenizer.tokenId("yes"));
        float[] no = runtime.model.lmHeadRow(runtime.tokenizer.tokenId("no"));
        this.yesMinusNo = new float[yes.length];
        for (int i = 0; i < yes.length; i++) {
            yesMinusNo[i] = yes[i] - no[i];
        }
    }

    /** Loads the reranker model in {@code folder}. */
    public static Qwen3VlReranker load(Path folder, EngineSettings settings) {
        return new Qwen3VlReranker(new ModelRuntime(folder, settings, "reranker"));
    }

    /** Wraps an already loaded model and tokenizer (closed with this reranker). */
    public static Qwen3VlReranker of(Qwen3VlModel model, Qwen3Tokenizer tokenizer, EngineSettings settings) {
        return new Qwen3VlReranker(new ModelRuntime(model, tokenizer, settings, "reranker"));
    }

    /** The compute type the model runs in (AUTO resolved when it loaded) and why it was chosen. */
    public dev.qwen3vl.model.ComputeType.Resolved computeType() {
        return runtime.model.computeType();
    }

    /** The scheduler running the forward passes. */
    public BatchScheduler scheduler() {
        return runtime.scheduler;
    }

    /**
     * Use of the model's vision feature cache (see {@link dev.qwen3vl.model.ModelOptions#visionCacheBytes()}): a
     * document image, page or clip scored again skips the vision tower.
     */
    public BoundedCache.Stats visionCacheStats() {
        return runtime.model.visionCacheStats();
    }

    /** Use of the cache of decoded and resized images and videos (same bound as the vision cache). */
    public BoundedCache.Stats preprocessCacheStats() {
        return runtime.preprocessCacheStats();
    }

    /** Scores one pair; {@code instruction} null means the default. */
    public ScoreResult score(MultimodalContent query, MultimodalContent document, String instruction) {
        return scoreAll(query, List.of(document), instruction).get(0);
    }

    /** Scores every document against the query, in document order. */
    public List<ScoreResult> scoreAll(MultimodalContent query, List<MultimodalContent> documents, String instruction) {
        return scoreEncoded(encodeAll(query, documents, instruction));
    }

    /**
     * The prompts of every pair, in document order, preprocessing the query's media once: their lengths are the cost
     * of scoring them, for callers that bound their rerank work before {@link #scoreEncoded}.
     */
    public List<EncodedSequence> encodeAll(MultimodalContent query, List<MultimodalContent> documents,
            String instruction) {
        List<Visual> queryVisuals = runtime.visuals(query);
        List<EncodedSequence> sequences = new ArrayList<>(documents.size());
        for (MultimodalContent d : documents) {
            sequences.add(encode(query, queryVisuals, d, instruction));
        }
        return sequences;
    }

    /** Scores pairs encoded by {@link #encode} or {@link #encodeAll}, in order. */
    public List<ScoreResult> scoreEncoded(List<EncodedSequence> pairs) {
        List<float[]> states = runtime.scheduler.runAll(pairs);
        List<ScoreResult> out = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            double logit = Vectors.dot(states.get(i), yesMinusNo);
            out.add(new ScoreResult(1.0 / (1.0 + Math.exp(-logit)), logit, pairs.get(i).length()));
        }
        return out;
    }

    /** The prompt ids and positions of one pair (preprocessing its images and videos). */
    public EncodedSequence encode(MultimodalContent query, MultimodalContent document, String instruction) {
        return encode(query, runtime.visuals(query), document, instruction);
    }

    private EncodedSequence encode(MultimodalContent q, List<Visual> queryVisuals, MultimodalContent d,
            String instruction) {
        List<Visual> visuals = new ArrayList<>(queryVisuals);
        visuals.addAll(runtime.visuals(d));
        List<PromptPart> prompt = PromptBuilder.reranker(instruction, q.videos().size(), q.images().size(), q.texts(),
                d.videos().size(), d.images().size(), d.texts());
        return runtime.encoder.reranker(prompt, visuals, runtime.maxLength(DEFAULT_MAX_LENGTH),
                runtime.settings.truncate());
    }

    /** Stops the worker and releases the model's native memory. */
    @Override
    public void close() {
        runtime.close();
    }
}
