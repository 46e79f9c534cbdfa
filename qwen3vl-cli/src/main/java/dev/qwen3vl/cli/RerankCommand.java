package dev.qwen3vl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.Qwen3VlReranker;
import dev.qwen3vl.inference.ScoreResult;
import dev.qwen3vl.input.image.ImageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/qwen3vl rerank}: scores each document (a {@code --doc} text or a {@code --doc-image}) against a
 * query made of {@code --query} texts and {@code --query-image}s; JSON with one score per document.
 */
@Command(name = "rerank", description = "Score documents against a query with the reranker; prints JSON.")
final class RerankCommand implements Callable<Integer> {

    @Mixin
    private HelpOption help;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelArgs model;

    @Option(names = "--query", paramLabel = "TEXT", description = "query text (repeatable)")
    private List<String> queryTexts = new ArrayList<>();

    @Option(names = "--query-image", paramLabel = "PATH|URL", description = "query image (repeatable)")
    private List<String> queryImages = new ArrayList<>();

    @Option(names = "--doc", paramLabel = "TEXT", description = "a text document (repeatable)")
    private List<String> docTexts = new ArrayList<>();

    @Option(names = "--doc-image", paramLabel = "PATH|URL", description = "an image document (repeatable)")
    private List<String> docImages = new ArrayList<>();

    @Option(names = "--instruction", description = "the reranker instruction (default: the model's)")
    private String instruction;

    @Override
    public Integer call() throws Exception {
        MultimodalContent.Builder query = MultimodalContent.builder();
        queryImages.forEach(i -> query.image(ImageSource.parse(i)));
        queryTexts.forEach(query::text);
        List<MultimodalContent> documents = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        docTexts.forEach(d -> {
            documents.add(MultimodalContent.text(d));
            labels.add(d);
        });
        docImages.forEach(d -> {
            documents.add(MultimodalContent.image(ImageSource.parse(d)));
            labels.add(d);
        });
        if (documents.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "rerank needs at least one --doc or --doc-image");
        }
        try (Qwen3VlReranker reranker = Qwen3VlReranker.load(model.folder(), model.settings())) {
            List<ScoreResult> scores = reranker.scoreAll(query.build(), documents, instruction);
            ObjectMapper json = new ObjectMapper();
            ObjectNode node = json.createObjectNode();
            node.put("dtype", reranker.computeType().type().label());
            ArrayNode results = node.putArray("scores");
            for (int i = 0; i < scores.size(); i++) {
                ObjectNode r = results.addObject();
                r.put("document", labels.get(i));
                r.put("score", scores.get(i).score());
                r.put("logit", scores.get(i).logit());
                r.put("token_count", scores.get(i).tokenCount());
            }
            spec.commandLine().getOut().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        }
        return 0;
    }
}
