package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.demo.load.RequestLanes;
import dev.qwen3vl.demo.rag.Answer;
import dev.qwen3vl.demo.rag.AnswerWriter;
import dev.qwen3vl.demo.rag.Retrieval;
import dev.qwen3vl.demo.rag.Retriever;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/ask}: a single question, answered from the reranked passages. */
@Path("/api/ask")
@Tag(name = "Ask", description = "Questions over the ingested documents")
public class AskResource {

    @Inject
    Retriever retriever;

    @Inject
    AnswerWriter answers;

    @Inject
    DemoConfig config;

    @Inject
    RequestLanes lanes;

    /**
     * Embeds the question (query instruction), takes the top-k nearest chunks from pgvector, reranks them with the
     * reranker, keeps the top-n and answers from them.
     *
     * @param request the question and options
     * @return the answer, its sources and timings
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask a question",
            description = "Embed → pgvector top-k (hybrid: fused with the full-text ranking) → rerank → top-n →"
                    + " answer with numbered citations (chat model, shown the passages' pictures when it reads"
                    + " images) or the best passages (extractive).")
    @APIResponse(responseCode = "200", description = "The answer")
    @APIResponse(responseCode = "400", description = "Empty question or top-k/top-n out of range",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The store holds embeddings of another model: re-index",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The database is unreachable, the models are loading or the deadline passed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Too many questions waiting; retry after Retry-After seconds",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public AskResponse ask(AskRequest request, @Context HttpServerResponse response) {
        if (request == null) {
            throw ApiException.badRequest("The request body must be a JSON object with a 'question'");
        }
        String question = RetrievalLimits.requireText("question", request.question());
        RetrievalLimits.TopKN limits = RetrievalLimits.check(config, request.topK(), request.topN());
        boolean hybrid = RetrievalLimits.hybrid(config, request.hybrid());
        boolean generate = request.generate() == null || request.generate();
        return lanes.ask(() -> {
            Retrieval retrieval = retriever.retrieve(question, limits.topK(), limits.topN(), hybrid);
            Answer answer = answers.answer(question, retrieval.passages(), List.of(), generate);
            return new AskResponse(question, answer.text(), answer.mode(), retrieval.candidates(),
                    retrieval.reranked(), retrieval.passages(), retrieval.timings().withGenerate(answer.generateMs()),
                    retrieval.notice(), answer.images());
        }, response);
    }
}
