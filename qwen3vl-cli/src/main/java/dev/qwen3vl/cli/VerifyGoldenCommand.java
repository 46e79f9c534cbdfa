package dev.qwen3vl.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bin/qwen3vl verify-golden DIR}: one line per case, then the counts; exit 0 iff nothing failed. */
@Command(name = "verify-golden", description = "Check every case of DIR/golden.json against DIR/tiny-model, one line each.")
final class VerifyGoldenCommand implements Callable<Integer> {

    @Mixin
    private HelpOption help;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "a fixture folder (golden.json, tiny-model/, images/)")
    private Path root;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(root.resolve("golden.json")) || !Files.isDirectory(root.resolve("tiny-model"))) {
            throw new IllegalArgumentException(root + " is not a fixture folder (needs golden.json and tiny-model/)");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<CaseResult> results = new GoldenVerifier(root).run();
        int passed = 0;
        int failed = 0;
        for (CaseResult r : results) {
            out.println(r.line());
            if (r.status() == CaseResult.Status.PASS) {
                passed++;
            } else {
                failed++;
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
