package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.ingest.UnsupportedFileException;
import dev.qwen3vl.demo.load.OverloadedException;
import dev.qwen3vl.demo.rag.TurnInProgressException;
import dev.qwen3vl.demo.store.DatabaseUnavailableException;
import dev.qwen3vl.demo.store.TransientFailures;
import dev.qwen3vl.inference.DeadlineExceededException;
import dev.qwen3vl.inference.QueueFullException;
import dev.qwen3vl.pgvector.ModelMismatchException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns exceptions into JSON {@link ApiError} responses. */
public class ApiExceptionMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionMappers.class);
    private static final long RETRY_AFTER_S = 5;

    @ServerExceptionMapper
    Response api(ApiException e) {
        return error(e.status(), e.error(), e.getMessage());
    }

    @ServerExceptionMapper
    Response unsupportedFile(UnsupportedFileException e) {
        return error(415, "unsupported_media_type", e.getMessage());
    }

    @ServerExceptionMapper
    Response databaseUnavailable(DatabaseUnavailableException e) {
        LOG.warn("Database unavailable: {}", e.getMessage());
        return error(503, "database_unavailable", e.getMessage());
    }

    @ServerExceptionMapper
    Response modelChanged(ModelMismatchException e) {
        return error(409, "model_changed", e.getMessage() + " In this application: POST /api/documents/reindex (the"
                + " page's \"re-index all\") re-indexes every document with the configured model.");
    }

    @ServerExceptionMapper
    Response turnInProgress(TurnInProgressException e) {
        return error(409, "conflict", e.getMessage());
    }

    @ServerExceptionMapper
    Response overloaded(QueueFullException e) {
        LOG.warn("Overloaded: {}", e.getMessage());
        return withRetryAfter(error(429, "too_many_requests", e.getMessage()), RETRY_AFTER_S);
    }

    @ServerExceptionMapper
    Response overloaded(OverloadedException e) {
        LOG.debug("Refused: {}", e.getMessage());
        return withRetryAfter(error(e.status(), e.error(), e.getMessage()), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    Response expired(DeadlineExceededException e) {
        return withRetryAfter(error(503, "deadline_exceeded", e.getMessage()), RETRY_AFTER_S);
    }

    // the client went away: nobody reads this answer
    @ServerExceptionMapper
    Response cancelled(CancellationException e) {
        return withRetryAfter(error(503, "cancelled", e.getMessage()), RETRY_AFTER_S);
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return error(status, Response.Status.fromStatusCode(status) == null ? "error"
                : Response.Status.fromStatusCode(status).name().toLowerCase(Locale.ROOT), e.getMessage());
    }

    @ServerExceptionMapper
    Response unexpected(RuntimeException e) {
        if (TransientFailures.isTransient(e)) {
            return databaseUnavailable(new DatabaseUnavailableException("The database is unreachable: "
                    + e.getMessage(), e));
        }
        // the message of an unexpected failure may carry server paths, SQL or library internals: it stays in the log
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Request failed (reference {})", reference, e);
        return error(500, "internal_error", "The request failed on the server (reference " + reference
                + "); its log has the details");
    }

    private static Response withRetryAfter(Response response, long seconds) {
        return Response.fromResponse(response).header("Retry-After", Long.toString(seconds)).build();
    }

    static Response error(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status, error, message)).build();
    }
}
