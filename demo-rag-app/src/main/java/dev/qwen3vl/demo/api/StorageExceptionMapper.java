package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.media.StorageFullException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A full upload or media folder: 507 Insufficient Storage with the file as the user named it. */
public class StorageExceptionMapper {

    private static final Logger LOG = LoggerFactory.getLogger(StorageExceptionMapper.class);

    @ServerExceptionMapper
    Response storageFull(StorageFullException e) {
        LOG.error("Storage full: {}", e.getMessage());
        return ApiExceptionMappers.error(507, "insufficient_storage", e.getMessage());
    }
}
