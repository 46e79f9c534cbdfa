package dev.qwen3vl.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Appends rows to a Parquet folder ({@link #SCHEMA}). Spark commits a job's files at its end, so a killed job leaves
 * no rows behind, and a source has all its rows in the output or none. A rerun skips the sources whose rows are
 * already there, matched on source, size and modification time with the same model, dimension and instruction;
 * rows keep their content-hash {@code id} for merging into other tables.
 */
final class ParquetOutput implements JobOutput {

    /** The columns of the output. */
    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("text", DataTypes.StringType, true)
            .add("metadata", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false)
            .add("source_key", DataTypes.StringType, false)
            .add("source_length", DataTypes.LongType, true)
            .add("source_modified", DataTypes.TimestampType, true)
            .add("model", DataTypes.StringType, false)
            .add("dimension", DataTypes.IntegerType, false)
            .add("instruction", DataTypes.StringType, true)
            .add("tokens", DataTypes.IntegerType, false);

    private final SparkSession spark;
    private final String path;
    private final String errors;
    private final EmbedSettings embed;

    /**
     * @param spark   the session
     * @param options the job's options (Parquet output)
     */
    ParquetOutput(SparkSession spark, JobOptions options) {
        this.spark = spark;
        this.path = options.parquet();
        this.errors = options.errors();
        this.embed = options.embed();
    }

    @Override
    public String describe() {
        return "Parquet " + path;
    }

    @Override
    public Dataset<Row> pending(Dataset<Row> sources) {
        if (!exists()) {
            return sources;
        }
        Dataset<Row> done = spark.read().parquet(path)
                .where(col("model").equalTo(embed.modelId()).and(col("dimension").equalTo(embed.dimension()))
                        .and(col("instruction").eqNullSafe(lit(embed.instruction()))))
                .select(col("source_key").as("done_key"), col("source_length").as("done_length"),
                        col("source_modified").as("done_modified"))
                .distinct();
        return sources.join(done, col("key").equalTo(col("done_key"))
                .and(col("length").eqNullSafe(col("done_length")))
                .and(col("modified").eqNullSafe(col("done_modified"))), "left_anti");
    }

    private boolean exists() {
        Path output = new Path(path);
        try {
            return output.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the output folder " + path, e);
        }
    }

    @Override
    public void embed(Dataset<Row> sources, TaskSettings task) {
        JavaRDD<Row> rows = sources.javaRDD().mapPartitions(new Partition(task));
        spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Append).parquet(path);
    }

    @Override
    public void writeErrors(Dataset<Row> rows) {
        rows.write().mode(SaveMode.Append).parquet(errors);
    }

    /** One task: sources in, rows out, group by group as the writer pulls them. */
    private record Partition(TaskSettings task) implements FlatMapFunction<Iterator<Row>, Row> {

        @Override
        public Iterator<Row> call(Iterator<Row> sources) {
            Buffer buffer = new Buffer(task.embed());
            PartitionEmbedder embedder = task.embedder(buffer);
            TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> embedder.discard());
            return new Iterator<>() {
                private boolean finished;

                @Override
                public boolean hasNext() {
                    while (buffer.rows.isEmpty() && !finished) {
                        if (sources.hasNext()) {
                            embedder.offer(SourceRef.of(sources.next()));
                        } else {
                            embedder.finish();
                            finished = true;
                        }
                    }
                    return !buffer.rows.isEmpty();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return buffer.rows.poll();
                }
            };
        }
    }

    /** Holds the rows of the last group until the writer takes them. Stores nothing, so nothing is present. */
    private static final class Buffer implements RowSink {

        private final ArrayDeque<Row> rows = new ArrayDeque<>();
        private final EmbedSettings embed;

        Buffer(EmbedSettings embed) {
            this.embed = embed;
        }

        @Override
        public Set<String> present(Collection<String> ids) {
            return Set.of();
        }

        @Override
        public int write(List<EmbeddedRow> embedded) {
            for (EmbeddedRow row : embedded) {
                SourceRef ref = row.ref();
                rows.add(RowFactory.create(row.id(), row.vector(), row.text(), row.metadata(), ref.source(), ref.key(),
                        ref.length(), ref.modified(), embed.modelId(), embed.dimension(), embed.instruction(),
                        row.tokens()));
            }
            return embedded.size();
        }
    }
}
