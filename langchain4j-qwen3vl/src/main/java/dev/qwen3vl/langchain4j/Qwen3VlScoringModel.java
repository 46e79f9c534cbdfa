package dev.qwen3vl.langchain4j;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.input.EncodedSequence;
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
            return response(reranker.scoreAll(q, documents, instruction));
        }
    }

    private static Response<List<Double>> response(List<ScoreResult> results) {
        List<Double> scores = new ArrayList<>(results.size());
        int tokens = 0;
        for (ScoreResult r : results) {
            scores.add(r.score());
            tokens += r.tokenCount();
        }
        return Response.from(scores, new TokenUsage(tokens));
    }

    /**
     * Encodes the pairs of {@code segments} and a text query (decoding their images and videos) without scoring them
     * yet: {@link Prepared#tokenCounts()} says what scoring each would cost, and {@link Prepared#scoreFirst(int)}
     * scores a leading part of them, for callers that bound their rerank work. Nothing is encoded twice.
     */
    public Prepared prepare(List<TextSegment> segments, String query) {
        try (ContentMapper mapper = new ContentMapper()) {
            MultimodalContent q = mapper.map(List.of(TextContent.from(query)));
            List<MultimodalContent> documents = new ArrayList<>(segments.size());
            for (TextSegment s : segments) {
                documents.add(mapper.map(ContentMapper.contents(s)));
            }
            return new Prepared(reranker.encodeAll(q, documents, instruction));
        }
    }

    /** Encoded query–segment pairs, in segment order, ready to be scored. */
    public final class Prepared {

        private final List<EncodedSequence> pairs;

        private Prepared(List<EncodedSequence> pairs) {
            this.pairs = pairs;
        }

        /** Tokens of every pair's prompt (text and visual tokens), in segment order. */
        public List<Integer> tokenCounts() {
            return pairs.stream().map(EncodedSequence::length).toList();
        }

        /**
         * Scores the first {@code n} pairs.
         *
         * @return their scores in segment order, and their tokens as the usage
         */
        public Response<List<Double>> scoreFirst(int n) {
            if (n < 0 || n > pairs.size()) {
                throw new IllegalArgumentException("Cannot score the first " + n + " of " + pairs.size() + " pairs");
            }
            return response(n == 0 ? List.of() : reranker.scoreEncoded(pairs.subList(0, n)));
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
