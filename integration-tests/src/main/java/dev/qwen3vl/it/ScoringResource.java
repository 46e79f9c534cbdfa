package dev.qwen3vl.it;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Scores documents against a query with the injected Qwen3-VL reranker. */
@Path("/score")
public class ScoringResource {

    /** A query and the documents to score against it. */
    public record ScoreRequest(String query, List<String> documents) {}

    @Inject
    ScoringModel model;

    /** The relevance of each document to the query, in document order. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public List<Double> score(ScoreRequest request) {
        List<TextSegment> documents = request.documents().stream().map(TextSegment::from).toList();
        return model.scoreAll(documents, request.query()).content();
    }
}
