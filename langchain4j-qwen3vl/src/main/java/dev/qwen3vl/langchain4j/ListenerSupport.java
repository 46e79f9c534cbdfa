package dev.qwen3vl.langchain4j;

import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelErrorContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelResponseContext;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifies embedding listeners around a call. LangChain4j 1.19's own dispatch builds a {@link TextSegment} from
 * each input's text, which fails for image- or video-only inputs (blank text); here such an input is named by a
 * placeholder listing its content types, e.g. {@code [IMAGE]}. A failing listener is logged, never propagated.
 */
final class ListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerSupport.class);

    private final List<EmbeddingModelListener> listeners;

    ListenerSupport(List<EmbeddingModelListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    EmbeddingResponse around(EmbeddingModel model, EmbeddingRequest request, Supplier<EmbeddingResponse> call) {
        if (listeners.isEmpty()) {
            return call.get();
        }
        List<TextSegment> segments = request.inputs().stream().map(ListenerSupport::segment).toList();
        Map<Object, Object> attributes = new ConcurrentHashMap<>();
        EmbeddingModelRequestContext requestContext = EmbeddingModelRequestContext.builder()
                .textSegments(segments)
                .embeddingRequest(request)
                .embeddingModel(model)
                .attributes(attributes)
                .build();
        notify(l -> l.onRequest(requestContext));
        try {
            EmbeddingResponse response = call.get();
            EmbeddingModelResponseContext responseContext = EmbeddingModelResponseContext.builder()
                    .embeddingRequest(request)
                    .embeddingResponse(response)
                    .response(Response.from(response.embeddings(), response.metadata().tokenUsage()))
                    .textSegments(segments)
                    .embeddingModel(model)
                    .attributes(attributes)
                    .build();
            notify(l -> l.onResponse(responseContext));
            return response;
        } catch (RuntimeException error) {
            EmbeddingModelErrorContext errorContext = EmbeddingModelErrorContext.builder()
                    .error(error)
                    .textSegments(segments)
                    .embeddingRequest(request)
                    .embeddingModel(model)
                    .attributes(attributes)
                    .build();
            notify(l -> l.onError(errorContext));
            throw error;
        }
    }

    private void notify(java.util.function.Consumer<EmbeddingModelListener> event) {
        for (EmbeddingModelListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("An embedding model listener failed", e);
            }
        }
    }

    private static TextSegment segment(EmbeddingInput input) {
        String text = input.text();
        if (!text.isBlank()) {
            return TextSegment.from(text);
        }
        return TextSegment.from(input.contentTypes().stream()
                .filter(t -> t != ContentType.TEXT)
                .map(Enum::name)
                .sorted()
                .collect(Collectors.joining(", ", "[", "]")));
    }
}
