package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.media.StorageFullException;
import dev.qwen3vl.quarkus.runtime.ModelUnavailableException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults of the application's surroundings as answers: a full upload or media folder is 507 Insufficient Storage
 * naming the file as the user sent it; a model that failed to load (or is shutting down) is 503 with the reason.
 */
public class FaultExceptionMappers {

    private static final Logger LOG = LoggerFactory.getLogger(FaultExceptionMappers.class);

    @ServerExceptionMapper
    Response storageFull(StorageFullException e) {
        LOG.error("Storage full: {}", e.getMessage());
        return ApiExceptionMappers.error(507, "insufficient_storage", e.getMessage());
    }

    @ServerExceptionMapper
    Response modelUnavailable(ModelUnavailableException e) {
        LOG.error("Model unavailable: {}", e.getMessage());
        return ApiExceptionMappers.error(503, "model_unavailable", "The model is unavailable: " + e.getMessage());
    }
}
