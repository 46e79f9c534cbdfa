package dev.qwen3vl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwen3vl.inference.EmbedRequest;
import dev.qwen3vl.inference.EmbeddingResult;
import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import dev.qwen3vl.inference.VideoInput;
import dev.qwen3vl.input.EncodedSequence;
import dev.qwen3vl.input.Visual;
import dev.qwen3vl.input.image.ImageSource;
import dev.qwen3vl.input.video.VideoOptions;
import java.io.PrintStream;
import java.nio.file.Paths;

/**
 * {@code bin/qwen3vl embed}: one embedding of texts, images and videos as JSON (vector, dimension, token count,
 * and for videos the sampled frames and timestamps).
 */
final class EmbedCommand {

    private final PrintStream out;

    EmbedCommand(PrintStream out) {
        this.out = out;
    }

    int run(Args args) throws Exception {
        String model = args.option("--model", null);
        if (model == null) {
            throw new IllegalArgumentException("embed needs --model DIR");
        }
        VideoOptions.Builder video = VideoOptions.defaults().toBuilder();
        if (args.option("--fps", null) != null) {
            video.fps(Double.parseDouble(args.option("--fps", null)));
        }
        if (args.option("--max-frames", null) != null) {
            video.maxFrames(Integer.parseInt(args.option("--max-frames", null)));
        }
        VideoOptions videoOptions = video.build();
        MultimodalContent.Builder content = MultimodalContent.builder();
        args.options("--video").forEach(v -> content.video(VideoInput.ofFile(Paths.get(v), videoOptions)));
        args.options("--image").forEach(i -> content.image(ImageSource.parse(i)));
        args.options("--text").forEach(content::text);
        String dimension = args.option("--dimension", null);
        EmbedRequest request = new EmbedRequest(content.build(), args.option("--instruction", null),
                dimension == null ? null : Integer.valueOf(dimension));
        EngineSettings settings = EngineSettings.defaults().withMaxLength(null, args.flag("--truncate"));
        try (Qwen3VlEmbedder embedder = Qwen3VlEmbedder.load(ModelArgs.resolve(model), settings)) {
            EncodedSequence sequence = embedder.encode(request);
            EmbeddingResult result = embedder.embed(sequence, request.dimension());
            ObjectMapper json = new ObjectMapper();
            ObjectNode node = json.createObjectNode();
            node.put("dimension", result.vector().length);
            node.put("token_count", result.tokenCount());
            ArrayNode videos = node.putArray("videos");
            for (Visual v : sequence.visuals()) {
                if (v.video()) {
                    ObjectNode vn = videos.addObject();
                    v.frameIndices().forEach(vn.putArray("sampled_frames")::add);
                    v.timestamps().forEach(vn.putArray("timestamps")::add);
                    vn.put("grid_thw", v.patches().gridT() + "x" + v.patches().gridH() + "x" + v.patches().gridW());
                }
            }
            ArrayNode vector = node.putArray("vector");
            for (float f : result.vector()) {
                vector.add(f);
            }
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        }
        return 0;
    }
}
