package dev.qwen3vl.cli;

import dev.qwen3vl.inference.EmbedRequest;
import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import dev.qwen3vl.model.ModelInput;
import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.model.Quantization;
import dev.qwen3vl.model.Qwen3VlConfig;
import dev.qwen3vl.model.Qwen3VlModel;
import dev.qwen3vl.util.Vectors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Weight quantization: memory of the linear layers and speed on the real architecture (random weights), and the
 * cosine to float32 of the embeddings of every golden input of the fixture model.
 */
final class QuantizationReport {

    private final PrintWriter out;
    private final Path fixtureModel;

    QuantizationReport(PrintWriter out, Path fixtureModel) {
        this.out = out;
        this.fixtureModel = fixtureModel;
    }

    void run(Qwen3VlConfig config, long seed, ModelOptions base) {
        out.println();
        out.println("quantization on the real architecture (random weights)");
        out.println("weights | linear weights MiB | 1 x 128 median s | 8 x 256 median s");
        for (Quantization q : Quantization.values()) {
            try (Qwen3VlModel model = RandomWeights.model(config, seed, base.withQuantization(q))) {
                SplittableRandom random = new SplittableRandom(seed);
                List<ModelInput> small = BenchCommand.textBatch(random, 1, 128);
                List<ModelInput> large = BenchCommand.textBatch(random, 8, 256);
                double s1 = BenchCommand.medianSeconds(() -> model.lastTokenStates(small), 3);
                double s8 = BenchCommand.medianSeconds(() -> model.lastTokenStates(large), 1);
                out.printf("%7s | %18d | %16.3f | %16.2f%n", q, model.linearWeightBytes() >> 20, s1, s8);
            }
        }
        out.println();
        out.println("cosine to float32 on the golden inputs of " + fixtureModel.getParent().getFileName());
        GoldenVerifier golden = new GoldenVerifier(fixtureModel.getParent());
        List<EmbedRequest> requests = golden.embeddingRequests();
        List<float[]> reference = embed(Quantization.NONE, requests);
        for (Quantization q : new Quantization[] {Quantization.FP16, Quantization.INT8}) {
            List<float[]> got = embed(q, requests);
            double min = 1;
            double sum = 0;
            for (int i = 0; i < requests.size(); i++) {
                double c = Vectors.cosine(reference.get(i), got.get(i));
                min = Math.min(min, c);
                sum += c;
            }
            out.printf("%5s: min %.6f, mean %.6f over %d inputs%n", q, min, sum / requests.size(), requests.size());
        }
    }

    private List<float[]> embed(Quantization q, List<EmbedRequest> requests) {
        EngineSettings settings = EngineSettings.defaults().withModel(ModelOptions.cpu().withQuantization(q));
        try (Qwen3VlEmbedder embedder = Qwen3VlEmbedder.load(fixtureModel, settings)) {
            List<float[]> out = new ArrayList<>();
            embedder.embedAll(requests).forEach(r -> out.add(r.vector()));
            return out;
        }
    }
}
