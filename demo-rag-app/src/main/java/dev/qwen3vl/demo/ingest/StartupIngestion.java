package dev.qwen3vl.demo.ingest;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * At startup, queues the configured folder ({@code demo.ingest.folder}) and the stored uploads (so that uploads
 * interrupted by a stop are finished). Files ingested before are skipped by their hash; the work runs in the
 * background, with progress in the log and on the web page.
 */
@ApplicationScoped
public class StartupIngestion {

    @Inject
    IngestionService ingestion;

    void onStart(@Observes StartupEvent event) {
        ingestion.submitAll();
    }
}
