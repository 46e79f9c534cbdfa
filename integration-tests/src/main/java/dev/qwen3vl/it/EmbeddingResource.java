package dev.qwen3vl.it;

import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Embeds texts with the injected Qwen3-VL embedding model. */
@Path("/embed")
public class EmbeddingResource {

    /** An embedding and its size. */
    public record EmbeddingView(int dimension, float[] vector) {}

    @Inject
    EmbeddingModel model;

    /** The embedding of the request body. */
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public EmbeddingView embed(String text) {
        float[] vector = model.embed(text).content().vector();
        return new EmbeddingView(vector.length, vector);
    }
}
