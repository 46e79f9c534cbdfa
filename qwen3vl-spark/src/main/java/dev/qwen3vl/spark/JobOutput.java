package dev.qwen3vl.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Where a job writes its rows and its errors: {@link PgvectorOutput} or {@link ParquetOutput}. */
interface JobOutput {

    /** @return the output, for logs and the summary */
    String describe();

    /**
     * @param sources the listed sources
     * @return those that may still need embedding (the output may know that others are done)
     */
    Dataset<Row> pending(Dataset<Row> sources);

    /**
     * Embeds the sources, one task per partition, and writes their rows.
     *
     * @param sources  the sources, partitioned
     * @param task     what each task needs
     */
    void embed(Dataset<Row> sources, TaskSettings task);

    /**
     * Appends the failed sources of this run.
     *
     * @param errors rows of {@link EmbedJob#ERRORS_SCHEMA}
     */
    void writeErrors(Dataset<Row> errors);
}
