package dev.qwen3vl.spark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds files and tables with Qwen3-VL-Embedding on Spark, into a pgvector table or Parquet.
 *
 * <p>As a {@code spark-submit} main class it takes the options of {@link CommandLine} (run with {@code --help}),
 * prints a {@link JobSummary} as JSON and exits with 0 on success, 1 when more sources failed than
 * {@code --max-failure-ratio} allows or the job failed, 2 for invalid options. From Java, call
 * {@link #run(SparkSession, JobOptions)}. See docs/spark.md.
 */
public final class EmbedJob {

    /** The columns of the errors output. */
    public static final StructType ERRORS_SCHEMA = new StructType()
            .add("source", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false)
            .add("recorded_at", DataTypes.TimestampType, false)
            .add("application_id", DataTypes.StringType, false);

    private static final Logger LOG = LoggerFactory.getLogger(EmbedJob.class);

    private EmbedJob() {
    }

    /**
     * Runs the job: lists the sources on the driver, embeds them in tasks that share one model per executor JVM,
     * writes the rows and the failed sources, and sums up.
     *
     * @param spark   the session
     * @param options the options
     * @return what the run did; {@link JobSummary#succeeded()} is false when more sources failed than allowed
     */
    public static JobSummary run(SparkSession spark, JobOptions options) {
        long start = System.nanoTime();
        EmbedSettings embed = options.embed();
        JobOutput output = options.parquet() != null ? new ParquetOutput(spark, options) : new PgvectorOutput(options);
        LOG.info("Embedding {} with {} ({} dimensions, dtype {}, device {}, batch {}) into {}",
                options.tableInput() != null ? "the table " + options.tableInput() : options.inputs(), embed.model(),
                embed.dimension(), embed.dtype(), embed.device(), embed.batchSize(), output.describe());
        Dataset<Row> listed = SourceListing.list(spark, options).cache();
        try {
            long listedCount = listed.count();
            Dataset<Row> pending = output.pending(listed);
            long pendingCount = pending.count();
            int partitions = options.partitions() != null ? options.partitions()
                    : Math.max(1, (int) Math.min(pendingCount, 3L * spark.sparkContext().defaultParallelism()));
            LOG.info("{} sources listed, {} already in the output, {} to process in {} partitions", listedCount,
                    listedCount - pendingCount, pendingCount, partitions);
            JobCounters counters = new JobCounters(spark.sparkContext());
            ProgressListener progress = new ProgressListener(counters, pendingCount);
            spark.sparkContext().addSparkListener(progress);
            try {
                if (pendingCount > 0) {
                    output.embed(pending.repartition(partitions), new TaskSettings(embed,
                            new HadoopSettings(spark.sparkContext().hadoopConfiguration()), counters));
                }
            } finally {
                spark.sparkContext().removeSparkListener(progress);
            }
            List<FileError> errors = counters.errors.value();
            if (!errors.isEmpty()) {
                writeErrors(spark, output, errors);
                LOG.warn("{} sources failed; their reasons are in {}", errors.size(), options.errors());
            }
            return summary(options, output, counters, listedCount, listedCount - pendingCount, partitions, start);
        } finally {
            listed.unpersist();
        }
    }

    private static void writeErrors(SparkSession spark, JobOutput output, List<FileError> errors) {
        Timestamp now = Timestamp.from(Instant.now());
        String application = spark.sparkContext().applicationId();
        List<Row> rows = errors.stream()
                .map(e -> RowFactory.create(e.source(), e.reason(), now, application))
                .toList();
        output.writeErrors(spark.createDataFrame(rows, ERRORS_SCHEMA).coalesce(1));
    }

    private static JobSummary summary(JobOptions options, JobOutput output, JobCounters counters, long listed,
            long alreadyDone, int partitions, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        long files = counters.files.value();
        long failed = counters.filesFailed.value();
        double ratio = files == 0 ? 0 : (double) failed / files;
        boolean succeeded = ratio <= options.maxFailureRatio();
        return new JobSummary(succeeded ? "succeeded" : "failed", output.describe(), options.errors(), listed,
                alreadyDone, files, counters.filesSkipped.value(), failed, counters.rowsEmbedded.value(),
                counters.rowsSkipped.value(), counters.tokens.value(), counters.bytes.value(),
                counters.modelLoads.value(), partitions, seconds, files / seconds, counters.tokens.value() / seconds,
                ratio, options.maxFailureRatio());
    }

    /**
     * The {@code spark-submit} entry point.
     *
     * @param args the options, see {@code --help}
     */
    public static void main(String[] args) {
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("qwen3vl-spark: " + e.getMessage() + "\n\n" + CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (command.help()) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        int status;
        SparkSession spark = SparkSession.builder().appName("qwen3vl-embed").getOrCreate();
        try {
            JobSummary summary = run(spark, command.options());
            String json = summary.toJson();
            System.out.println(json);
            if (command.summaryFile() != null) {
                Files.writeString(Path.of(command.summaryFile()), json, StandardCharsets.UTF_8);
            }
            if (!summary.succeeded()) {
                LOG.error("{} of {} sources failed, more than --max-failure-ratio {} allows; see {}",
                        summary.filesFailed(), summary.files(), summary.maxFailureRatio(), summary.errors());
            }
            status = summary.succeeded() ? 0 : 1;
        } catch (Exception e) {
            LOG.error("The job failed: {}", e.toString(), e);
            status = 1;
        } finally {
            spark.stop();
        }
        System.exit(status);
    }
}
