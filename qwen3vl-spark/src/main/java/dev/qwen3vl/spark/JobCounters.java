package dev.qwen3vl.spark;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The job's counters, as Spark accumulators (visible in the Spark UI under these names). They are added to in the
 * tasks that write, so Spark counts each successful task once and ignores failed attempts: after retries the counts
 * are exact.
 */
final class JobCounters implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Sources processed (embedded, skipped or failed). */
    final LongAccumulator files;
    /** Sources whose every row was already stored. */
    final LongAccumulator filesSkipped;
    /** Sources that could not be embedded. */
    final LongAccumulator filesFailed;
    /** Rows embedded and written. */
    final LongAccumulator rowsEmbedded;
    /** Rows found already stored, not embedded. */
    final LongAccumulator rowsSkipped;
    /** Tokens embedded, visual ones included. */
    final LongAccumulator tokens;
    /** Bytes of sources read. */
    final LongAccumulator bytes;
    /** Models loaded by the tasks (one per executor JVM, device and compute type). */
    final LongAccumulator modelLoads;
    /** The failed sources and why. */
    final CollectionAccumulator<FileError> errors;

    /**
     * Registers the accumulators.
     *
     * @param spark the driver's context
     */
    JobCounters(SparkContext spark) {
        files = spark.longAccumulator("qwen3vl.files");
        filesSkipped = spark.longAccumulator("qwen3vl.files.skipped");
        filesFailed = spark.longAccumulator("qwen3vl.files.failed");
        rowsEmbedded = spark.longAccumulator("qwen3vl.rows.embedded");
        rowsSkipped = spark.longAccumulator("qwen3vl.rows.skipped");
        tokens = spark.longAccumulator("qwen3vl.tokens");
        bytes = spark.longAccumulator("qwen3vl.bytes");
        modelLoads = spark.longAccumulator("qwen3vl.model.loads");
        errors = spark.collectionAccumulator("qwen3vl.errors");
    }

    /** @return the counts so far, for progress lines */
    String progress() {
        return "files " + files.value() + " (skipped " + filesSkipped.value() + ", failed " + filesFailed.value()
                + "), rows embedded " + rowsEmbedded.value() + ", rows skipped " + rowsSkipped.value() + ", tokens "
                + tokens.value();
    }
}
