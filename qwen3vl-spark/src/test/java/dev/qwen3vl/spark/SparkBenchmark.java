package dev.qwen3vl.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwen3vl.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.sql.SparkSession;

/**
 * Files/s and tokens/s of the job on this machine for 1 and 2 executor cores on the same input, and the number of
 * model loads per JVM. Each configuration runs in its own JVM ({@code local[N]}, libtorch on N threads): a warm-up
 * run on a few files, then the measured run into fresh Parquet output. Run with {@code qwen3vl-spark/bench.sh}.
 *
 * <p>Options: {@code --texts N} (default 400), {@code --images N} (100), {@code --pdfs N} (10, two pages each),
 * {@code --videos N} (4), {@code --cores 1,2}, {@code --model DIR} (default the tiny fixture model),
 * {@code --dimension N} (32).
 */
public final class SparkBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(Integer.parseInt(args[1]), args[2], args[3], args[4], args[5], Integer.parseInt(args[6]));
            return;
        }
        int texts = option(args, "--texts", 400);
        int images = option(args, "--images", 100);
        int pdfs = option(args, "--pdfs", 10);
        int videos = option(args, "--videos", 4);
        int dimension = option(args, "--dimension", 32);
        String model = text(args, "--model", Fixtures.model().toString());
        int[] cores = Arrays.stream(text(args, "--cores", "1,2").split(",")).mapToInt(Integer::parseInt).toArray();
        Path work = Files.createTempDirectory("qwen3vl-spark-bench");
        Path input = work.resolve("input");
        Corpus.of(input, texts, images, pdfs, videos);
        Path warmup = work.resolve("warmup");
        Corpus.of(warmup, 8, 2, 1, 1);
        System.out.printf(Locale.ROOT, "input: %d texts, %d images, %d PDFs (2 pages), %d videos; model %s, "
                + "dimension %d; %d cores on this machine%n", texts, images, pdfs, videos, model, dimension,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| executor cores | files | rows | tokens | seconds | files/s | tokens/s | model loads in "
                + "the JVM |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int c : cores) {
            JsonNode result = runChild(c, model, input, warmup, work.resolve("out-" + c), dimension);
            JsonNode s = result.get("summary");
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.1f | %.1f | %.0f | %d |%n", c, s.get("files").asLong(),
                    s.get("rowsEmbedded").asLong(), s.get("tokens").asLong(), s.get("seconds").asDouble(),
                    s.get("filesPerSecond").asDouble(), s.get("tokensPerSecond").asDouble(),
                    result.get("modelLoads").asInt());
        }
    }

    private static JsonNode runChild(int cores, String model, Path input, Path warmup, Path out, int dimension)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-Xmx1500m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                SparkBenchmark.class.getName(), "--child", String.valueOf(cores), model, input.toUri().toString(),
                warmup.toUri().toString(), out.toUri().toString(), String.valueOf(dimension)));
        Path log = out.resolveSibling("child-" + cores + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("The run with " + cores + " cores failed; see " + log);
        }
        String result = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("RESULT "))
                .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("No result in " + log));
        return JSON.readTree(result.substring("RESULT ".length()));
    }

    /** One configuration, in its own JVM: warm up, measure, print the summary and this JVM's model loads. */
    private static void child(int cores, String model, String input, String warmup, String output, int dimension) {
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("qwen3vl-spark-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        try {
            EmbedJob.run(spark, options(model, warmup, output + "-warmup", cores, dimension));
            JobSummary summary = EmbedJob.run(spark, options(model, input, output, cores, dimension));
            System.out.println("RESULT {\"summary\":" + summary.toJson().replace("\n", "") + ",\"modelLoads\":"
                    + ExecutorModels.loadCount() + "}");
        } finally {
            spark.stop();
        }
    }

    private static JobOptions options(String model, String input, String output, int cores, int dimension) {
        return JobOptions.builder().input(input).model(model).dimension(dimension).torchThreads(cores)
                .partitions(4 * cores).parquet(output).build();
    }

    private static int option(String[] args, String name, int fallback) {
        return Integer.parseInt(text(args, name, String.valueOf(fallback)));
    }

    private static String text(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
