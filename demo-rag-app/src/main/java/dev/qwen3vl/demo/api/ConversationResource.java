package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.rag.ConversationLog;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/conversations}: the stored conversations, with their turns. */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat", description = "Conversations over the ingested documents")
public class ConversationResource {

    @Inject
    ConversationLog log;

    /** @return the conversations, most recently updated first */
    @GET
    @Operation(summary = "List the conversations")
    public List<ConversationLog.Summary> list() {
        return log.list();
    }

    /**
     * @param id a conversation id
     * @return the conversation with every turn and its sources
     */
    @GET
    @Path("/{id}")
    @Operation(summary = "One conversation with its turns")
    public ConversationLog.Conversation get(@PathParam("id") String id) {
        return log.find(id).orElseThrow(() -> ApiException.notFound("No conversation " + id));
    }

    /**
     * @param id a conversation id
     * @return 204 once deleted with its turns and chat memory
     */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a conversation")
    public Response delete(@PathParam("id") String id) {
        if (!log.delete(id)) {
            throw ApiException.notFound("No conversation " + id);
        }
        return Response.noContent().build();
    }
}
