package dev.qwen3vl.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything a run of {@link EmbedJob} needs: what to read, how to embed it, where to write. Build with
 * {@link #builder()}; {@link Builder#build()} checks the combination and says what is wrong.
 */
public final class JobOptions {

    /** The default {@link Builder#maxFailureRatio}. */
    public static final double DEFAULT_MAX_FAILURE_RATIO = 0.05;

    private final List<String> inputs;
    private final String pathFilter;
    private final String tableInput;
    private final String tableFormat;
    private final String textColumn;
    private final String uriColumn;
    private final EmbedSettings embed;
    private final String jdbcUrl;
    private final String table;
    private final String parquet;
    private final String errors;
    private final Integer partitions;
    private final double maxFailureRatio;

    private JobOptions(Builder b, EmbedSettings embed) {
        this.inputs = List.copyOf(b.inputs);
        this.pathFilter = b.pathFilter;
        this.tableInput = b.tableInput;
        this.tableFormat = b.tableFormat;
        this.textColumn = b.textColumn;
        this.uriColumn = b.uriColumn;
        this.embed = embed;
        this.jdbcUrl = b.jdbcUrl;
        this.table = b.table;
        this.parquet = b.parquet;
        this.errors = b.errors;
        this.partitions = b.partitions;
        this.maxFailureRatio = b.maxFailureRatio;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the input paths and globs (files and folders, read recursively) */
    public List<String> inputs() {
        return inputs;
    }

    /** @return a glob that file names must match, e.g. {@code *.{pdf,png}}, or {@code null} for all */
    public String pathFilter() {
        return pathFilter;
    }

    /** @return a Parquet or CSV table of texts and URIs, or {@code null} */
    public String tableInput() {
        return tableInput;
    }

    /** @return {@code parquet} or {@code csv} */
    public String tableFormat() {
        return tableFormat;
    }

    /** @return the table's column of texts */
    public String textColumn() {
        return textColumn;
    }

    /** @return the table's column of file URIs */
    public String uriColumn() {
        return uriColumn;
    }

    /** @return how sources are embedded */
    public EmbedSettings embed() {
        return embed;
    }

    /** @return the JDBC URL of the pgvector database, or {@code null} for Parquet output */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** @return the pgvector table, or {@code null} for Parquet output */
    public String table() {
        return table;
    }

    /** @return the Parquet output folder, or {@code null} for pgvector output */
    public String parquet() {
        return parquet;
    }

    /**
     * @return where failed sources are recorded: a table in the pgvector database (default {@code <table>_errors}) or
     *         a Parquet folder (default {@code <output>/_errors}, which readers of the output skip)
     */
    public String errors() {
        if (errors != null) {
            return errors;
        }
        return parquet != null ? parquet.replaceAll("/+$", "") + "/_errors" : table + "_errors";
    }

    /** @return the number of partitions, or {@code null} for three per core of the cluster */
    public Integer partitions() {
        return partitions;
    }

    /** @return the largest share of failed sources with which the job still succeeds */
    public double maxFailureRatio() {
        return maxFailureRatio;
    }

    /** Collects the options; every setter returns this builder. */
    public static final class Builder {

        private final List<String> inputs = new ArrayList<>();
        private String pathFilter;
        private String tableInput;
        private String tableFormat;
        private String textColumn = "text";
        private String uriColumn = "uri";
        private String model;
        private String modelId;
        private Integer dimension;
        private String instruction;
        private String dtype = "auto";
        private String device = "auto";
        private int batchSize = 16;
        private Integer torchThreads;
        private int chunkChars = 2000;
        private int pdfDpi = 144;
        private long maxFileBytes = 2L << 30;
        private String jdbcUrl;
        private String table;
        private String parquet;
        private String errors;
        private Integer partitions;
        private double maxFailureRatio = DEFAULT_MAX_FAILURE_RATIO;

        private Builder() {
        }

        /** @param input a file, folder or glob on any file system Hadoop reads; may be given several times */
        public Builder input(String input) {
            inputs.add(input);
            return this;
        }

        /**
         * @param glob a glob that the names of listed files must match, e.g. {@code *.{pdf,png,mp4}}; other files
         *             are not listed (and so not counted as failed)
         */
        public Builder pathFilter(String glob) {
            this.pathFilter = glob;
            return this;
        }

        /** @param path a Parquet or CSV table with a column of texts and/or a column of file URIs */
        public Builder tableInput(String path) {
            this.tableInput = path;
            return this;
        }

        /** @param format {@code parquet} or {@code csv} (with a header line); default from the path's extension */
        public Builder tableFormat(String format) {
            this.tableFormat = format;
            return this;
        }

        /** @param column the table's column of texts (default {@code text}) */
        public Builder textColumn(String column) {
            this.textColumn = column;
            return this;
        }

        /** @param column the table's column of file URIs (default {@code uri}) */
        public Builder uriColumn(String column) {
            this.uriColumn = column;
            return this;
        }

        /** @param model a model folder present on every executor, or a hub id (required) */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** @param modelId the model's name in row keys (default: the hub id, or the folder's name) */
        public Builder modelId(String modelId) {
            this.modelId = modelId;
            return this;
        }

        /** @param dimension the Matryoshka dimension of the vectors (required) */
        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        /** @param instruction the embedding instruction (default: the model's) */
        public Builder instruction(String instruction) {
            this.instruction = instruction;
            return this;
        }

        /** @param dtype the compute type: {@code auto} (default), {@code float32}, {@code float16} (GPU) */
        public Builder dtype(String dtype) {
            this.dtype = dtype;
            return this;
        }

        /** @param device {@code auto} (default: the task's GPU when Spark assigns one), {@code cpu}, {@code gpu:N} */
        public Builder device(String device) {
            this.device = device;
            return this;
        }

        /** @param batchSize inputs per forward pass (default 16) */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** @param threads libtorch threads per executor JVM (default: one per core) */
        public Builder torchThreads(Integer threads) {
            this.torchThreads = threads;
            return this;
        }

        /** @param chars the most characters of a text chunk (default 2,000) */
        public Builder chunkChars(int chars) {
            this.chunkChars = chars;
            return this;
        }

        /** @param dpi the resolution PDF pages are rendered at (default 144) */
        public Builder pdfDpi(int dpi) {
            this.pdfDpi = dpi;
            return this;
        }

        /** @param bytes the largest file accepted (default 2 GiB) */
        public Builder maxFileBytes(long bytes) {
            this.maxFileBytes = bytes;
            return this;
        }

        /**
         * Writes to a pgvector table.
         *
         * @param jdbcUrl the database, e.g. {@code jdbc:postgresql://db:5432/rag?user=spark} (a password is best kept
         *                in {@code ~/.pgpass} on the executors)
         * @param table   {@code table} or {@code schema.table}
         */
        public Builder pgvector(String jdbcUrl, String table) {
            this.jdbcUrl = jdbcUrl;
            this.table = table;
            return this;
        }

        /** @param path writes Parquet to this folder (appending) */
        public Builder parquet(String path) {
            this.parquet = path;
            return this;
        }

        /** @param errors the errors table (pgvector) or folder (Parquet) */
        public Builder errors(String errors) {
            this.errors = errors;
            return this;
        }

        /** @param partitions the number of partitions (default: three per core) */
        public Builder partitions(Integer partitions) {
            this.partitions = partitions;
            return this;
        }

        /** @param ratio the largest share of failed sources with which the job still succeeds (default 0.05) */
        public Builder maxFailureRatio(double ratio) {
            this.maxFailureRatio = ratio;
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException naming the option that is missing, invalid or in conflict
         */
        public JobOptions build() {
            if (inputs.isEmpty() == (tableInput == null)) {
                throw new IllegalArgumentException("Give either --input (files, folders, globs) or --table-input (a "
                        + "Parquet or CSV table of texts and URIs), not both and not neither");
            }
            if (dimension == null) {
                throw new IllegalArgumentException("--dimension is required: 2048 for Qwen3-VL-Embedding-2B, 4096 for "
                        + "-8B, or a smaller Matryoshka dimension");
            }
            if ((jdbcUrl != null || table != null) == (parquet != null)) {
                throw new IllegalArgumentException("Give either --jdbc-url with --table (pgvector) or --parquet PATH, "
                        + "not both and not neither");
            }
            if (parquet == null) {
                if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
                    throw new IllegalArgumentException("--jdbc-url must be a PostgreSQL JDBC URL "
                            + "(jdbc:postgresql://host:port/database?user=...), got " + jdbcUrl);
                }
                PgHalfvecWriter.checkName(table);
                if (errors != null) {
                    PgHalfvecWriter.checkName(errors);
                }
            }
            if (tableInput != null) {
                tableFormat = tableFormat != null ? tableFormat.toLowerCase(Locale.ROOT)
                        : tableInput.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "parquet";
                if (!tableFormat.equals("parquet") && !tableFormat.equals("csv")) {
                    throw new IllegalArgumentException("--table-format must be parquet or csv, got " + tableFormat);
                }
            }
            if (partitions != null && partitions < 1) {
                throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
            }
            if (!(maxFailureRatio >= 0 && maxFailureRatio <= 1)) {
                throw new IllegalArgumentException("--max-failure-ratio must be between 0 and 1, got " + maxFailureRatio);
            }
            String id = modelId != null || model == null ? modelId : EmbedSettings.defaultModelId(model);
            EmbedSettings embed = new EmbedSettings(model, id, dimension, instruction, dtype, device, batchSize,
                    torchThreads, chunkChars, pdfDpi, maxFileBytes);
            return new JobOptions(this, embed);
        }
    }
}
