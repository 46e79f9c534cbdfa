package dev.qwen3vl.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What a run did, printed as JSON at its end.
 *
 * @param status          {@code succeeded}, or {@code failed} when more sources failed than allowed
 * @param output          where the rows went
 * @param errors          where the failed sources are recorded
 * @param listed          sources listed
 * @param alreadyDone     sources left out before embedding because the output has them (Parquet)
 * @param files           sources processed by the tasks
 * @param filesSkipped    sources whose rows were all stored already
 * @param filesFailed     sources that could not be embedded
 * @param rowsEmbedded    rows embedded and written
 * @param rowsSkipped     rows found stored and not embedded again
 * @param tokens          tokens embedded, visual ones included
 * @param bytes           bytes of sources read
 * @param modelLoads      models loaded by this run's tasks (at most one per executor JVM, device and compute type)
 * @param partitions      tasks the sources were split into
 * @param seconds         wall-clock time of the run
 * @param filesPerSecond  sources processed per second
 * @param tokensPerSecond tokens embedded per second
 * @param failureRatio    failed sources / processed sources
 * @param maxFailureRatio the allowed ratio
 */
public record JobSummary(String status, String output, String errors, long listed, long alreadyDone, long files,
        long filesSkipped, long filesFailed, long rowsEmbedded, long rowsSkipped, long tokens, long bytes,
        long modelLoads, int partitions, double seconds, double filesPerSecond, double tokensPerSecond,
        double failureRatio, double maxFailureRatio) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @return whether the run succeeded */
    public boolean succeeded() {
        return status.equals("succeeded");
    }

    /** @return the summary as indented JSON */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the summary as JSON", e);
        }
    }
}
