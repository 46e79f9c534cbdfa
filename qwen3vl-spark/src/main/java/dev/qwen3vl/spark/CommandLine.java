package dev.qwen3vl.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code spark-submit} arguments of {@link EmbedJob}: {@code --name value} pairs, see {@link #USAGE}. Unknown
 * options, missing values and values of the wrong type are errors that name the option.
 */
final class CommandLine {

    /** The help text. */
    static final String USAGE = """
            Usage: spark-submit --class dev.qwen3vl.spark.EmbedJob qwen3vl-spark-job.jar OPTIONS

            What to embed (one of):
              --input PATH              a file, folder (read recursively) or glob on any file system Hadoop reads
                                        (file:, hdfs:, s3a:, ...); repeat for several. Text (.txt .md), PDF, images
                                        (.png .jpg .gif .bmp .webp) and videos (.mp4 .mov .webm .mkv .avi)
                --path-filter GLOB      list only files whose name matches, e.g. '*.{pdf,png}' (default: all;
                                        files of other types are recorded as failed)
              --table-input PATH        a Parquet or CSV (with header) table with a text column and/or a URI column
                --table-format F        parquet or csv (default: from the extension)
                --text-column NAME      default text
                --uri-column NAME       default uri
            Model:
              --model REF               a model folder on every executor, or a hub id (required)
              --model-id NAME           the model's name in row keys (default: the hub id or the folder's name)
              --dimension N             the stored dimension (required; Matryoshka below the model's size)
              --instruction TEXT        the embedding instruction (default: the model's)
              --dtype T                 auto (default: bfloat16 on GPU and on CPUs with avx512_bf16/AMX, else float32),
                                float32, bfloat16, float16 (GPU only)
              --device D                auto (default: the GPU Spark assigns to the task, else the CPU), cpu, gpu:N
              --batch-size N            inputs per forward pass (default 16)
              --torch-threads N         libtorch threads per executor (default: one per core)
            Sources:
              --chunk-chars N           the most characters of a text chunk or page text (default 2000)
              --pdf-dpi N               PDF rendering resolution (default 144)
              --max-file-bytes N        the largest file accepted (default 2147483648)
            Where to (one of):
              --jdbc-url URL --table T  a pgvector table in the layout of the LangChain4j store
              --parquet PATH            a Parquet folder (appended to)
              --errors NAME             failed sources: a table (default T_errors) or folder (default PATH/_errors)
            Run:
              --partitions N            tasks (default: three per core of the cluster)
              --max-failure-ratio R     the largest share of failed sources for success (default 0.05)
              --summary FILE            also write the JSON summary to this local file
              --help
            """;

    private final JobOptions options;
    private final String summaryFile;
    private final boolean help;

    private CommandLine(JobOptions options, String summaryFile, boolean help) {
        this.options = options;
        this.summaryFile = summaryFile;
        this.help = help;
    }

    /**
     * @param args the arguments
     * @return the parsed command line
     * @throws IllegalArgumentException for an unknown option, a missing or invalid value, or invalid options
     */
    static CommandLine parse(String[] args) {
        JobOptions.Builder b = JobOptions.builder();
        String jdbcUrl = null;
        String table = null;
        String summary = null;
        List<String> given = new ArrayList<>(List.of(args));
        for (Iterator<String> it = given.iterator(); it.hasNext(); ) {
            String name = it.next();
            if (name.equals("--help") || name.equals("-h")) {
                return new CommandLine(null, null, true);
            }
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + name + "'; options are --name value");
            }
            if (!it.hasNext()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = it.next();
            switch (name) {
                case "--input" -> b.input(value);
                case "--path-filter" -> b.pathFilter(value);
                case "--table-input" -> b.tableInput(value);
                case "--table-format" -> b.tableFormat(value);
                case "--text-column" -> b.textColumn(value);
                case "--uri-column" -> b.uriColumn(value);
                case "--model" -> b.model(value);
                case "--model-id" -> b.modelId(value);
                case "--dimension" -> b.dimension(integer(name, value));
                case "--instruction" -> b.instruction(value);
                case "--dtype" -> b.dtype(value);
                case "--device" -> b.device(value);
                case "--batch-size" -> b.batchSize(integer(name, value));
                case "--torch-threads" -> b.torchThreads(integer(name, value));
                case "--chunk-chars" -> b.chunkChars(integer(name, value));
                case "--pdf-dpi" -> b.pdfDpi(integer(name, value));
                case "--max-file-bytes" -> b.maxFileBytes(number(name, value));
                case "--jdbc-url" -> jdbcUrl = value;
                case "--table" -> table = value;
                case "--parquet" -> b.parquet(value);
                case "--errors" -> b.errors(value);
                case "--partitions" -> b.partitions(integer(name, value));
                case "--max-failure-ratio" -> b.maxFailureRatio(ratio(name, value));
                case "--summary" -> summary = value;
                default -> throw new IllegalArgumentException("Unknown option " + name);
            }
        }
        if (jdbcUrl != null || table != null) {
            b.pgvector(jdbcUrl, table);
        }
        return new CommandLine(b.build(), summary, false);
    }

    private static int integer(String name, String value) {
        long n = number(name, value);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
        return (int) n;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'", e);
        }
    }

    private static double ratio(String name, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number between 0 and 1, got '" + value + "'", e);
        }
    }

    /** @return the options; {@code null} with {@link #help()} */
    JobOptions options() {
        return options;
    }

    /** @return the local file for the JSON summary, or {@code null} */
    String summaryFile() {
        return summaryFile;
    }

    /** @return whether help was asked for */
    boolean help() {
        return help;
    }
}
