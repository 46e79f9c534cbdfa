package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.demo.rag.ChatReply;
import dev.qwen3vl.demo.rag.ChatService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/chat}: a conversation over the documents, with memory per conversation id. */
@Path("/api/chat")
@Tag(name = "Chat", description = "Conversations over the ingested documents")
public class ChatResource {

    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    @Inject
    ChatService chat;

    @Inject
    DemoConfig config;

    /**
     * @param request the conversation id and message
     * @return the reply with its sources
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a chat message",
            description = "Retrieves and reranks against the message in the context of the previous question, "
                    + "answers citing the sources; the conversation is remembered under its id.")
    @APIResponse(responseCode = "200", description = "The reply")
    @APIResponse(responseCode = "400", description = "Empty message or invalid conversation id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ChatReply send(ChatRequest request) {
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
        return chat.chat(id, message, limits.topK(), limits.topN());
    }
}
