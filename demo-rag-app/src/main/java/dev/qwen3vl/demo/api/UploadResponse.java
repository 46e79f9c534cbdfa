package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.ingest.IngestionJob;
import java.util.List;

/**
 * The ingestion jobs started by an upload.
 *
 * @param jobs one job per file (a file whose content is already being ingested gets that job)
 */
public record UploadResponse(List<IngestionJob.View> jobs) {
}
