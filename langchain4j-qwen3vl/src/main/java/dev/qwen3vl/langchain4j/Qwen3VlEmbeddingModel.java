package dev.qwen3vl.langchain4j;

import static dev.langchain4j.model.embedding.request.EmbeddingRequestParameters.DIMENSIONS;
import static dev.langchain4j.model.embedding.request.EmbeddingRequestParameters.INPUT_TYPE;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.embedding.response.EmbeddingResponseMetadata;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.qwen3vl.inference.EmbedRequest;
import dev.qwen3vl.inference.EmbeddingResult;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Qwen3-VL-Embedding as a LangChain4j {@link EmbeddingModel}, running in process on DJL's PyTorch engine.
 *
 * <p>Accepts TEXT, IMAGE and VIDEO content (several parts are fused into one vector) through
 * {@link #embed(EmbeddingRequest)}, and texts through the classic methods. A {@link TextSegment} whose metadata
 * names an image or video ({@link Qwen3VlMetadata}) is embedded together with it by {@link #embedAll(List)}.
 * Per-call parameters: {@code DIMENSIONS} (Matryoshka truncation, then re-normalisation), {@code INPUT_TYPE}
 * (QUERY uses the query instruction, DOCUMENT the document instruction) and
 * {@link Qwen3VlEmbeddingParameters#INSTRUCTION}. Thread-safe: concurrent calls share forward passes.
 */
public class Qwen3VlEmbeddingModel implements EmbeddingModel, AutoCloseable {

    /** Query-side instruction used for {@code INPUT_TYPE = QUERY} unless configured otherwise. */
    public static final String DEFAULT_QUERY_INSTRUCTION = "Retrieve images or text relevant to the user's query.";

    private static final Set<ContentType> CONTENT_TYPES = Set.of(ContentType.TEXT, ContentType.IMAGE, ContentType.VIDEO);
    private static final Set<EmbeddingParameter<?>> PARAMETERS =
            Set.of(DIMENSIONS, INPUT_TYPE, Qwen3VlEmbeddingParameters.INSTRUCTION);

    private final Qwen3VlEmbedder embedder;
    private final String modelName;
    private final String instruction;
    private final String queryInstruction;
    private final Integer configuredDimension;
    private final ListenerSupport listeners;

    private Qwen3VlEmbeddingModel(Builder b) {
        this.modelName = b.modelName();
        this.instruction = b.instruction;
        this.queryInstruction = b.queryInstruction != null ? b.queryInstruction : DEFAULT_QUERY_INSTRUCTION;
        this.embedder = b.embedder != null ? b.embedder : Qwen3VlEmbedder.load(b.resolveModel(), b.engineSettings());
        if (b.dimension != null && (b.dimension < 1 || b.dimension > embedder.hiddenSize())) {
            int hidden = embedder.hiddenSize();
            if (b.embedder == null) {
                embedder.close();
            }
            throw new IllegalArgumentException("dimension must be between 1 and the model's hidden size " + hidden
                    + " (the model card recommends at least 64), got " + b.dimension);
        }
        this.configuredDimension = b.dimension;
        this.listeners = new ListenerSupport(b.listeners);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configured Matryoshka dimension, else the model's hidden size (2,048 for 2B, 4,096 for 8B). */
    @Override
    public int dimension() {
        return configuredDimension != null ? configuredDimension : embedder.hiddenSize();
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public Set<ContentType> supportedContentTypes() {
        return CONTENT_TYPES;
    }

    @Override
    public Set<EmbeddingParameter<?>> supportedParameters() {
        return PARAMETERS;
    }

    /** The engine behind this model (for batching statistics and direct multimodal calls). */
    public Qwen3VlEmbedder embedder() {
        return embedder;
    }

    /**
     * Validates and embeds like {@link EmbeddingModel#embed(EmbeddingRequest)}, notifying the listeners given to the
     * builder — also for image- or video-only inputs, whose listener text segment is a placeholder such as
     * {@code [IMAGE]}.
     */
    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        return listeners.around(this, request, () -> EmbeddingModel.super.embed(request));
    }

    @Override
    public EmbeddingResponse doEmbed(EmbeddingRequest request) {
        EmbeddingRequestParameters p = request.parameters();
        String instruction = instructionFor(p);
        Integer dimension = p.dimensions() != null ? p.dimensions() : configuredDimension;
        List<EmbedRequest> requests = new ArrayList<>();
        try (ContentMapper mapper = new ContentMapper()) {
            for (EmbeddingInput input : request.inputs()) {
                requests.add(new EmbedRequest(mapper.map(input.contents()), instruction, dimension));
            }
            List<EmbeddingResult> results = embedder.embedAll(requests);
            List<Embedding> embeddings = new ArrayList<>(results.size());
            int tokens = 0;
            for (EmbeddingResult r : results) {
                embeddings.add(Embedding.from(r.vector()));
                tokens += r.tokenCount();
            }
            return EmbeddingResponse.builder()
                    .embeddings(embeddings)
                    .metadata(EmbeddingResponseMetadata.builder()
                            .modelName(modelName)
                            .tokenUsage(new TokenUsage(tokens))
                            .build())
                    .build();
        }
    }

    /**
     * Embeds segments; a segment carrying an image or video in its metadata ({@link Qwen3VlMetadata}) is embedded
     * together with it.
     */
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (segments == null || segments.isEmpty() || segments.stream().noneMatch(ContentMapper::hasMedia)) {
            return EmbeddingModel.super.embedAll(segments);
        }
        EmbeddingRequest.Builder b = EmbeddingRequest.builder();
        for (TextSegment s : segments) {
            b.input(EmbeddingInput.from(ContentMapper.contents(s)));
        }
        EmbeddingResponse response = embed(b.build());
        return Response.from(response.embeddings(), response.metadata().tokenUsage());
    }

    private String instructionFor(EmbeddingRequestParameters p) {
        String explicit = p.parameter(Qwen3VlEmbeddingParameters.INSTRUCTION);
        if (explicit != null) {
            return explicit;
        }
        return p.inputType() == EmbeddingInputType.QUERY ? queryInstruction : instruction;
    }

    /** Releases the model's native memory and stops its worker thread. */
    @Override
    public void close() {
        embedder.close();
    }

    /** Builds a {@link Qwen3VlEmbeddingModel}; only the model location is required. */
    public static final class Builder extends Qwen3VlModelSettings<Builder> {
        private String instruction;
        private String queryInstruction;
        private Integer dimension;
        private List<EmbeddingModelListener> listeners = List.of();
        private Qwen3VlEmbedder embedder;

        private Builder() {}

        @Override
        long defaultVisionCacheBytes() {
            return 0;
        }

        /** Instruction for documents and for calls without INPUT_TYPE (default "Represent the user's input."). */
        public Builder instruction(String instruction) {
            this.instruction = instruction;
            return this;
        }

        /** Instruction for {@code INPUT_TYPE = QUERY} (default {@value #DEFAULT_QUERY_INSTRUCTION}). */
        public Builder queryInstruction(String queryInstruction) {
            this.queryInstruction = queryInstruction;
            return this;
        }

        /** Matryoshka dimension of every embedding unless a call asks otherwise (default: hidden size). */
        public Builder dimension(Integer dimension) {
            this.dimension = dimension;
            return this;
        }

        /** Listeners notified around every request. */
        public Builder listeners(List<EmbeddingModelListener> listeners) {
            this.listeners = listeners == null ? List.of() : List.copyOf(listeners);
            return this;
        }

        /** Uses an already loaded engine instead of loading one (it is closed with the model). */
        public Builder embedder(Qwen3VlEmbedder embedder) {
            this.embedder = embedder;
            return this;
        }

        /** Loads the model. */
        public Qwen3VlEmbeddingModel build() {
            return new Qwen3VlEmbeddingModel(this);
        }
    }
}
