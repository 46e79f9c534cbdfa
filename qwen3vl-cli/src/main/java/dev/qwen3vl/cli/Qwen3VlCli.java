package dev.qwen3vl.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of {@code bin/qwen3vl}: {@code verify-golden}, {@code embed}, {@code rerank}, {@code bench},
 * {@code doctor}. An unknown command or option, or a missing or malformed value, is an error that prints the
 * command's usage (exit 2); a failure while running prints its message (exit 1).
 */
@Command(name = "qwen3vl", description = "Qwen3-VL-Embedding and Qwen3-VL-Reranker on the JVM.",
        subcommands = {VerifyGoldenCommand.class, EmbedCommand.class, RerankCommand.class, BenchCommand.class,
                DoctorCommand.class})
public final class Qwen3VlCli implements Runnable {

    @Mixin
    private HelpOption help;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs a command and exits with its status. */
    public static void main(String[] argv) {
        System.exit(run(List.of(argv), System.out, System.err));
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Qwen3VlCli())
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler(Qwen3VlCli::usageError)
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    command.getErr().println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                    return 1;
                });
        return cli.execute(argv.toArray(new String[0]));
    }

    /** Without a command: the usage, and status 2. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    // the message (with picocli's suggestions for misspelt names), then the usage of the command concerned; an
    // unknown option is reported before a missing one (a misspelt --model is both)
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        List<String> unmatched = command.getParseResult() == null ? List.of() : command.getParseResult().unmatched();
        ParameterException reported = e instanceof UnmatchedArgumentException || unmatched.isEmpty() ? e
                : new UnmatchedArgumentException(command, unmatched);
        boolean unknownCommand = reported instanceof UnmatchedArgumentException u && command.getParent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-");
        if (unknownCommand) {
            err.println("Unknown command '" + ((UnmatchedArgumentException) reported).getUnmatched().get(0) + "'");
        } else {
            err.println("error: " + reported.getMessage());
        }
        UnmatchedArgumentException.printSuggestions(reported, err);
        command.usage(err);
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
