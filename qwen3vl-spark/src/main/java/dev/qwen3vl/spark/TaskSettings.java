package dev.qwen3vl.spark;

import java.io.Serializable;

/**
 * What every task of a job receives: names and numbers, never a model or a connection.
 *
 * @param embed    how sources are embedded
 * @param hadoop   the driver's Hadoop configuration
 * @param counters the job's accumulators
 */
record TaskSettings(EmbedSettings embed, HadoopSettings hadoop, JobCounters counters) implements Serializable {

    /**
     * @param sink where the task's rows go
     * @return an embedder for the calling task's partition
     */
    PartitionEmbedder embedder(RowSink sink) {
        return new PartitionEmbedder(embed, hadoop.configuration(), sink, counters);
    }
}
