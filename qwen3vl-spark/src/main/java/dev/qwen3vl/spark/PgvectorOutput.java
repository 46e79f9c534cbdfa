package dev.qwen3vl.spark;

import java.util.Iterator;
import java.util.Properties;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes into a pgvector table in the layout of the LangChain4j store ({@link PgHalfvecWriter}): the driver creates or
 * checks the table, each task opens one connection, asks which of its row keys are stored, and inserts the others
 * batch by batch ({@code ON CONFLICT DO NOTHING}), so a retried task or a rerun after a crash adds no duplicate.
 * Errors go to a table of the same database, created by Spark's JDBC writer.
 */
final class PgvectorOutput implements JobOutput {

    private final String jdbcUrl;
    private final String table;
    private final String errorsTable;

    /**
     * Creates the table if absent, or checks it.
     *
     * @param options the job's options (pgvector output)
     */
    PgvectorOutput(JobOptions options) {
        this.jdbcUrl = options.jdbcUrl();
        this.table = options.table();
        this.errorsTable = options.errors();
        try (PgHalfvecWriter writer = PgHalfvecWriter.open(jdbcUrl, table)) {
            writer.prepare(options.embed().dimension());
        }
    }

    @Override
    public String describe() {
        return "pgvector table " + table + " at " + PgHalfvecWriter.withoutSecrets(jdbcUrl);
    }

    @Override
    public Dataset<Row> pending(Dataset<Row> sources) {
        return sources;
    }

    @Override
    public void embed(Dataset<Row> sources, TaskSettings task) {
        sources.foreachPartition(new Partition(task, jdbcUrl, table));
    }

    @Override
    public void writeErrors(Dataset<Row> errors) {
        errors.write().mode(SaveMode.Append).jdbc(jdbcUrl, errorsTable, new Properties());
    }

    /** One task: one connection, one {@link PartitionEmbedder}. */
    private record Partition(TaskSettings task, String jdbcUrl, String table) implements ForeachPartitionFunction<Row> {

        @Override
        public void call(Iterator<Row> rows) {
            try (PgHalfvecWriter writer = PgHalfvecWriter.open(jdbcUrl, table)) {
                PartitionEmbedder embedder = task.embedder(writer);
                try {
                    rows.forEachRemaining(row -> embedder.offer(SourceRef.of(row)));
                    embedder.finish();
                } finally {
                    embedder.discard();
                }
            }
        }
    }
}
