package dev.qwen3vl.demo.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.demo.load.RequestLanes;
import dev.qwen3vl.demo.rag.ChatReply;
import dev.qwen3vl.demo.rag.ChatRetrieval;
import dev.qwen3vl.demo.rag.ChatService;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/chat}: a conversation over the documents, remembered under its id; {@code POST /api/chat/stream}:
 * the same with the answer streamed as server-sent events.
 */
@Path("/api/chat")
@Tag(name = "Chat", description = "Conversations over the ingested documents")
public class ChatResource {

    private static final Logger LOG = LoggerFactory.getLogger(ChatResource.class);
    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    @Inject
    ChatService chat;

    @Inject
    DemoConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    RequestLanes lanes;

    /** A checked chat request. */
    private record Checked(String conversationId, String message, int topK, int topN, boolean hybrid) {
    }

    /**
     * @param request the conversation id and message
     * @return the reply with its sources
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a chat message",
            description = "Retrieves and reranks against the message in the context of the previous question, "
                    + "answers citing the sources; the conversation is stored under its id.")
    @APIResponse(responseCode = "200", description = "The reply")
    @APIResponse(responseCode = "400", description = "Empty message or invalid conversation id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The conversation is still answering its previous message",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Too many messages waiting; retry after Retry-After seconds",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ChatReply send(ChatRequest request, @Context HttpServerResponse response) {
        Checked c = check(request);
        return lanes.chat(() -> chat.chat(c.conversationId(), c.message(), c.topK(), c.topN(), c.hybrid()),
                response);
    }

    /**
     * Streams one turn as server-sent events: {@code retrieval} (the conversation id and the passages, JSON), then
     * {@code token} events ({@code {"text": …}}) as the chat model writes, then {@code done} (the recorded reply,
     * JSON) or {@code error} ({@code {"status", "error", "message"}}). Without a chat model the extractive answer
     * comes as one token.
     *
     * @param request the conversation id and message
     * @param sink    the event stream
     * @param sse     the event factory
     */
    @POST
    @Path("/stream")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Send a chat message; the answer is streamed",
            description = "Server-sent events: retrieval, token…, done (or error).")
    @APIResponse(responseCode = "200", description = "The event stream")
    @APIResponse(responseCode = "400", description = "Empty message or invalid conversation id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The conversation is still answering its previous message",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public void stream(ChatRequest request, @Context SseEventSink sink, @Context Sse sse,
                       @Context HttpServerResponse response) {
        Checked c = check(request);
        lanes.chat(() -> streamTurn(c, sink, sse), response);
    }

    // retrieval runs in the chat lane; the answer then streams on the chat model's thread
    private Void streamTurn(Checked c, SseEventSink sink, Sse sse) {
        chat.stream(c.conversationId(), c.message(), c.topK(), c.topN(), c.hybrid(), new ChatService.Listener() {
            @Override
            public void onRetrieval(ChatRetrieval retrieval) {
                send("retrieval", retrieval);
            }

            @Override
            public void onToken(String text) {
                send("token", Map.of("text", text));
            }

            @Override
            public void onReply(ChatReply reply) {
                send("done", reply);
                sink.close();
            }

            @Override
            public void onError(Throwable error) {
                LOG.warn("Chat turn of {} failed: {}", c.conversationId(), error.getMessage());
                send("error", new ApiError(502, "chat_model_failed", String.valueOf(error.getMessage())));
                sink.close();
            }

            private void send(String name, Object data) {
                try {
                    sink.send(sse.newEventBuilder().name(name).data(json.writeValueAsString(data)).build());
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("Cannot write the " + name + " event: " + e.getMessage(), e);
                }
            }
        });
        return null;
    }

    private Checked check(ChatRequest request) {
        if (request == null) {
            throw ApiException.badRequest("The request body must be a JSON object with a 'message'");
        }
        String message = RetrievalLimits.requireText("message", request.message());
        String id = request.conversationId() == null || request.conversationId().isBlank()
                ? UUID.randomUUID().toString() : request.conversationId();
        if (!CONVERSATION_ID.matcher(id).matches()) {
            throw ApiException.badRequest("'conversationId' must be 1 to 100 letters, digits, '-' or '_', got '"
                    + id + "'");
        }
        RetrievalLimits.TopKN limits = RetrievalLimits.check(config, request.topK(), request.topN());
        return new Checked(id, message, limits.topK(), limits.topN(), RetrievalLimits.hybrid(config,
                request.hybrid()));
    }
}
