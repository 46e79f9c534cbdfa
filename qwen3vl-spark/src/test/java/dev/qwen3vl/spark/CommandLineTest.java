package dev.qwen3vl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final String[] PGVECTOR = {"--input", "s3a://bucket/docs/", "--model", "Qwen/Qwen3-VL-Embedding-2B",
            "--dimension", "1024", "--jdbc-url", "jdbc:postgresql://db/rag?user=spark", "--table", "docs"};

    private static String[] with(String... more) {
        String[] args = new String[PGVECTOR.length + more.length];
        System.arraycopy(PGVECTOR, 0, args, 0, PGVECTOR.length);
        System.arraycopy(more, 0, args, PGVECTOR.length, more.length);
        return args;
    }

    @Test
    void parses_a_pgvector_job_with_defaults() {
        JobOptions options = CommandLine.parse(PGVECTOR).options();

        assertThat(options.inputs()).containsExactly("s3a://bucket/docs/");
        assertThat(options.embed().modelId()).isEqualTo("Qwen/Qwen3-VL-Embedding-2B");
        assertThat(options.embed().dimension()).isEqualTo(1024);
        assertThat(options.embed().dtype()).isEqualTo("auto");
        assertThat(options.embed().device()).isEqualTo("auto");
        assertThat(options.table()).isEqualTo("docs");
        assertThat(options.errors()).isEqualTo("docs_errors");
        assertThat(options.maxFailureRatio()).isEqualTo(JobOptions.DEFAULT_MAX_FAILURE_RATIO);
    }

    @Test
    void a_folder_model_is_named_after_the_folder_and_parquet_errors_go_beside_the_rows() {
        JobOptions options = CommandLine.parse(new String[] {"--input", "/data", "--model", "/models/Qwen3-VL-Emb/",
                "--dimension", "64", "--parquet", "hdfs:///out/"}).options();

        assertThat(options.embed().modelId()).isEqualTo("Qwen3-VL-Emb");
        assertThat(options.errors()).isEqualTo("hdfs:///out/_errors");
    }

    @Test
    void bad_options_are_named_with_what_is_expected() {
        assertThatThrownBy(() -> CommandLine.parse(with("--batch-size", "many")))
                .hasMessage("--batch-size must be an integer, got 'many'");
        assertThatThrownBy(() -> CommandLine.parse(with("--bogus", "1"))).hasMessage("Unknown option --bogus");
        assertThatThrownBy(() -> CommandLine.parse(with("--batch-size"))).hasMessage("--batch-size needs a value");
        assertThatThrownBy(() -> CommandLine.parse(with("--parquet", "/out")))
                .hasMessageStartingWith("Give either --jdbc-url with --table (pgvector) or --parquet PATH");
        assertThatThrownBy(() -> CommandLine.parse(with("--table-input", "t.csv")))
                .hasMessageStartingWith("Give either --input");
        assertThatThrownBy(() -> CommandLine.parse(with("--device", "tpu"))).hasMessageStartingWith("Unknown --device 'tpu'");
        assertThatThrownBy(() -> CommandLine.parse(with("--dtype", "float16", "--device", "cpu")))
                .hasMessageContaining("float16 is for CUDA devices only");
        assertThatThrownBy(() -> CommandLine.parse(with("--dtype", "int4")))
                .hasMessageContaining("Unknown dtype 'int4'; accepted values: float32 (fp32), bfloat16 (bf16)");
        assertThatThrownBy(() -> CommandLine.parse(with("--max-failure-ratio", "2")))
                .hasMessage("--max-failure-ratio must be between 0 and 1, got 2.0");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--input", "/d", "--model", "m", "--dimension", "8",
                "--jdbc-url", "jdbc:postgresql://db/x", "--table", "bad-name"}))
                .hasMessageContaining("--table 'bad-name' is invalid");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--input", "/d", "--model", "m", "--parquet", "/o"}))
                .hasMessageStartingWith("--dimension is required");
    }

    @Test
    void help_is_not_an_error() {
        assertThat(CommandLine.parse(new String[] {"--help"}).help()).isTrue();
    }
}
