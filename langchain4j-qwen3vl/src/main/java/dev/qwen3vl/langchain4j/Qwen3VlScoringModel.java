package dev.qwen3vl.langchain4j;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.Qwen3VlReranker;
import dev.qwen3vl.inference.ScoreResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Qwen3-VL-Reranker as a LangChain4j {@link ScoringModel}: score = sigmoid(logit(yes) − logit(no)) in [0, 1].
 *
 * <p>Documents are {@link TextSegment}s; one whose metadata names an image or video ({@link Qwen3VlMetadata}) is
 * scored together with it. {@link #scoreAll(List, List)} also takes a multimodal query (texts, images, videos as
 * LangChain4j {@link Content}). Thread-safe: pairs from concurrent calls share forward passes.
 */
public class Qwen3VlScoringModel implements ScoringModel, AutoCloseable {

    private final Qwen3VlReranker reranker;
    private final String instruction;
    private final String modelName;

    private Qwen3VlScoringModel(Builder b) {
        this.instruction = b.instruction;
        this.modelName = b.modelName();
        this.reranker = b.reranker != null ? b.reranker : Qwen3VlReranker.load(b.resolveModel(), b.engineSettings());
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Scores every segment against a text query, in segment order. */
    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        return scoreAll(segments, List.of(TextContent.from(query)));
    }

    /**
     * Scores every segment against a query made of texts, images and videos.
     *
     * @throws dev.langchain4j.exception.UnsupportedFeatureException for content other than TEXT, IMAGE, VIDEO
     */
    public Response<List<Double>> scoreAll(List<TextSegment> segments, List<Content> query) {
        if (segments.isEmpty()) {
            return Response.from(List.of(), new TokenUsage(0));
        }
        try (ContentMapper mapper = new ContentMapper()) {
            MultimodalContent q = mapper.map(query);
            List<MultimodalContent> documents = new ArrayList<>(segments.size());
            for (TextSegment s : segments) {
                documents.add(mapper.map(ContentMapper.contents(s)));
            }
            List<ScoreResult> results = reranker.scoreAll(q, documents, instruction);
            List<Double> scores = new ArrayList<>(results.size());
            int tokens = 0;
            for (ScoreResult r : results) {
                scores.add(r.score());
                tokens += r.tokenCount();
            }
            return Response.from(scores, new TokenUsage(tokens));
        }
    }

    /**
     * Tokens of the prompt that scores {@code segment} against {@code query} (its image or video included): the cost
     * of scoring it, for callers that bound their rerank work. Decodes the segment's media (kept by the model's
     * preprocessing cache when its vision cache is on).
     */
    public int tokenCount(TextSegment segment, String query) {
        try (ContentMapper mapper = new ContentMapper()) {
            return reranker.tokenCount(mapper.map(List.of(TextContent.from(query))),
                    mapper.map(ContentMapper.contents(segment)), instruction);
        }
    }

    /** The model's name (hub id or folder name). */
    public String modelName() {
        return modelName;
    }

    /** The engine behind this model. */
    public Qwen3VlReranker reranker() {
        return reranker;
    }

    /** Releases the model's native memory and stops its worker thread. */
    @Override
    public void close() {
        reranker.close();
    }

    /** Builds a {@link Qwen3VlScoringModel}; only the model location is required. */
    public static final class Builder extends Qwen3VlModelSettings<Builder> {

        /** Default vision cache of the scoring model: 256 MiB. */
        public static final long DEFAULT_VISION_CACHE_BYTES = 256L << 20;

        private String instruction;
        private Qwen3VlReranker reranker;

        private Builder() {}

        @Override
        long defaultVisionCacheBytes() {
            return DEFAULT_VISION_CACHE_BYTES;
        }

        /**
         * The {@code <Instruct>} of the reranker prompt (default "Given a search query, retrieve relevant candidates
         * that answer the query.").
         */
        public Builder instruction(String instruction) {
            this.instruction = instruction;
            return this;
        }

        /** Uses an already loaded engine instead of loading one (it is closed with the model). */
        public Builder reranker(Qwen3VlReranker reranker) {
            this.reranker = reranker;
            return this;
        }

        /** Loads the model. */
        public Qwen3VlScoringModel build() {
            return new Qwen3VlScoringModel(this);
        }
    }
}
