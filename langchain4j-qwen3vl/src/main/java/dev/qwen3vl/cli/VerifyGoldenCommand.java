package dev.qwen3vl.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** {@code bin/qwen3vl verify-golden DIR}: one line per case, then the counts; exit 0 iff nothing failed. */
final class VerifyGoldenCommand {

    private final PrintStream out;

    VerifyGoldenCommand(PrintStream out) {
        this.out = out;
    }

    int run(Args args) {
        String dir = args.positional(0);
        if (dir == null) {
            throw new IllegalArgumentException("verify-golden needs the fixture folder: bin/qwen3vl verify-golden DIR");
        }
        Path root = Paths.get(dir);
        if (!Files.isRegularFile(root.resolve("golden.json")) || !Files.isDirectory(root.resolve("tiny-model"))) {
            throw new IllegalArgumentException(root + " is not a fixture folder (needs golden.json and tiny-model/)");
        }
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
