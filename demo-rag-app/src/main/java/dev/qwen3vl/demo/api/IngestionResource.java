package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.ingest.IngestionJob;
import dev.qwen3vl.demo.ingest.IngestionService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/ingestion}: progress of the ingestion jobs. */
@Path("/api/ingestion")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ingestion", description = "Progress of the ingestion jobs")
public class IngestionResource {

    /**
     * The jobs and how many are still queued or running.
     *
     * @param active jobs not finished yet
     * @param jobs   the kept jobs, newest first
     */
    public record Progress(long active, List<IngestionJob.View> jobs) {
    }

    @Inject
    IngestionService ingestion;

    /** @return every kept job, newest first */
    @GET
    @Operation(summary = "All ingestion jobs, newest first")
    public Progress progress() {
        List<IngestionJob.View> jobs = ingestion.jobs();
        return new Progress(jobs.stream().filter(j -> !j.status().isFinal()).count(), jobs);
    }

    /**
     * @param id a job id
     * @return the job
     */
    @GET
    @Path("/{id}")
    @Operation(summary = "One ingestion job")
    public IngestionJob.View job(@PathParam("id") long id) {
        return ingestion.job(id).map(IngestionJob::view)
                .orElseThrow(() -> ApiException.notFound("No ingestion job " + id));
    }

    /**
     * @param id a failed job's id
     * @return the job, queued again
     */
    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Run a failed ingestion job again")
    public IngestionJob.View retry(@PathParam("id") long id) {
        try {
            return ingestion.retry(id).map(IngestionJob::view)
                    .orElseThrow(() -> ApiException.notFound("No ingestion job " + id));
        } catch (IllegalStateException e) {
            throw new ApiException(409, "conflict", e.getMessage());
        }
    }
}
