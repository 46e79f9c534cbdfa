package dev.qwen3vl.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.CpuFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(names = "--dtype", defaultValue = "float32", paramLabel = "TYPE",
            description = "compute type to check: float32 (default, element-wise tolerances), bfloat16 (1 - cosine"
                    + " <= 1e-3, scores within 0.01), or auto")
    private String dtype;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(root.resolve("golden.json")) || !Files.isDirectory(root.resolve("tiny-model"))) {
            throw new IllegalArgumentException(root + " is not a fixture folder (needs golden.json and tiny-model/)");
        }
        PrintWriter out = spec.commandLine().getOut();
        ComputeType type = ComputeType.parse(dtype).resolve(false, CpuFeatures.current()).type();
        List<CaseResult> results = new GoldenVerifier(root, type).run();
        int passed = 0;
        int failed = 0;
        for (CaseResult r : results) {
            out.println(r.line(type.label()));
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
