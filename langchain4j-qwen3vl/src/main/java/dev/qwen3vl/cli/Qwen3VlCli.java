package dev.qwen3vl.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code bin/qwen3vl}: {@code verify-golden}, {@code embed}, {@code rerank}, {@code bench}.
 */
public final class Qwen3VlCli {

    private static final String USAGE = String.join("\n",
            "usage: bin/qwen3vl <command> [options]",
            "  verify-golden DIR                 check every case of DIR/golden.json against DIR/tiny-model",
            "  embed --model DIR [--instruction S] [--dimension D] [--text T]... [--image PATH]... [--video PATH]",
            "        [--fps F] [--max-frames N] [--truncate]",
            "  rerank --model DIR [--instruction S] --query T | --query-image PATH ... --doc T | --doc-image PATH ...",
            "  bench [--text] [--image] [--concurrency N] [--load] [--quantization-report] [--arch 2b|8b|DIR]",
            "        [--shapes 1x128,8x256] [--image-sizes 448,896] [--batches 1,8] [--repeats N] [--soak N] [--seed S]",
            "        [--quantization NONE|FP16|INT8]");

    private Qwen3VlCli() {}

    /** Runs a command and exits with its status. */
    public static void main(String[] argv) {
        System.exit(run(Arrays.asList(argv), System.out, System.err));
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h")) {
            out.println(USAGE);
            return argv.isEmpty() ? 2 : 0;
        }
        Args args = new Args(argv.subList(1, argv.size()));
        try {
            switch (argv.get(0)) {
                case "bench":
                    return new BenchCommand(out).run(args);
                case "embed":
                    return new EmbedCommand(out).run(args);
                case "rerank":
                    return new RerankCommand(out).run(args);
                case "verify-golden":
                    return new VerifyGoldenCommand(out).run(args);
                default:
                    err.println("Unknown command '" + argv.get(0) + "'\n" + USAGE);
                    return 2;
            }
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("error: " + e);
            return 1;
        }
    }
}
