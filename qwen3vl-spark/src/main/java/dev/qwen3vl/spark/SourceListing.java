package dev.qwen3vl.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Lists the sources on the driver, as rows of {@link SourceRef#COLUMNS}, one per distinct source. Files are listed with
 * Spark's {@code binaryFile} source without their content (path, size and modification time only: the executors
 * stream each file themselves); folders are read recursively; hidden files ({@code .name}, {@code _name}) are left
 * out, as Hadoop does.
 */
final class SourceListing {

    private SourceListing() {
    }

    /**
     * @param spark   the session
     * @param options the job's options
     * @return the sources
     */
    static Dataset<Row> list(SparkSession spark, JobOptions options) {
        if (options.tableInput() == null) {
            return files(spark, options.inputs(), options.pathFilter());
        }
        return table(spark, options).select(SourceRef.COLUMNS.stream().map(name -> col(name)).toArray(Column[]::new))
                .dropDuplicates("key");
    }

    private static Dataset<Row> files(SparkSession spark, List<String> inputs, String pathFilter) {
        DataFrameReader reader = spark.read().format("binaryFile").option("recursiveFileLookup", "true");
        if (pathFilter != null) {
            reader = reader.option("pathGlobFilter", pathFilter);
        }
        return reader.load(inputs.toArray(String[]::new))
                .select(col("path").as("key"), col("path").as("source"), col("path"),
                        lit(null).cast("string").as("text"), col("length"), col("modificationTime").as("modified"));
    }

    private static Dataset<Row> table(SparkSession spark, JobOptions options) {
        Dataset<Row> table = options.tableFormat().equals("csv")
                ? spark.read().option("header", "true").csv(options.tableInput())
                : spark.read().parquet(options.tableInput());
        List<String> columns = Arrays.asList(table.columns());
        boolean hasText = columns.contains(options.textColumn());
        boolean hasUri = columns.contains(options.uriColumn());
        if (!hasText && !hasUri) {
            throw new IllegalArgumentException("The table " + options.tableInput() + " has neither a text column '"
                    + options.textColumn() + "' nor a URI column '" + options.uriColumn() + "' (--text-column, "
                    + "--uri-column); its columns are " + columns);
        }
        Column text = hasText ? col(options.textColumn()).cast("string") : lit(null).cast("string");
        Column uri = hasUri ? col(options.uriColumn()).cast("string") : lit(null).cast("string");
        Column textKey = concat(lit("text:"), sha2(col("text"), 256));
        return table.select(uri.as("path"), when(text.notEqual(""), text).as("text"))
                .where(col("path").isNotNull().or(col("text").isNotNull()))
                .select(when(col("text").isNull(), col("path"))
                                .otherwise(concat(coalesce(col("path"), lit("")), lit("#"), textKey)).as("key"),
                        coalesce(col("path"), textKey).as("source"), col("path"), col("text"),
                        lit(null).cast("long").as("length"), lit(null).cast("timestamp").as("modified"));
    }
}
