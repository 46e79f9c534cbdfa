package dev.qwen3vl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.Qwen3VlReranker;
import dev.qwen3vl.inference.ScoreResult;
import dev.qwen3vl.input.image.ImageSource;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/qwen3vl rerank}: scores each document (a {@code --doc} text or a {@code --doc-image}) against a
 * query made of {@code --query} texts and {@code --query-image}s; JSON with one score per document.
 */
final class RerankCommand {

    private final PrintStream out;

    RerankCommand(PrintStream out) {
        this.out = out;
    }

    int run(Args args) throws Exception {
        String model = args.option("--model", null);
        if (model == null) {
            throw new IllegalArgumentException("rerank needs --model DIR");
        }
        MultimodalContent.Builder query = MultimodalContent.builder();
        args.options("--query-image").forEach(i -> query.image(ImageSource.parse(i)));
        args.options("--query").forEach(query::text);
        List<MultimodalContent> documents = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String d : args.options("--doc")) {
            documents.add(MultimodalContent.text(d));
            labels.add(d);
        }
        for (String d : args.options("--doc-image")) {
            documents.add(MultimodalContent.image(ImageSource.parse(d)));
            labels.add(d);
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("rerank needs at least one --doc or --doc-image");
        }
        EngineSettings settings = EngineSettings.defaults().withMaxLength(null, args.flag("--truncate"));
        try (Qwen3VlReranker reranker = Qwen3VlReranker.load(ModelArgs.resolve(model), settings)) {
            List<ScoreResult> scores = reranker.scoreAll(query.build(), documents, args.option("--instruction", null));
            ObjectMapper json = new ObjectMapper();
            ObjectNode node = json.createObjectNode();
            ArrayNode results = node.putArray("scores");
            for (int i = 0; i < scores.size(); i++) {
                ObjectNode r = results.addObject();
                r.put("document", labels.get(i));
                r.put("score", scores.get(i).score());
                r.put("logit", scores.get(i).logit());
                r.put("token_count", scores.get(i).tokenCount());
            }
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        }
        return 0;
    }
}
