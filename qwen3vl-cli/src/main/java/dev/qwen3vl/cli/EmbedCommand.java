package dev.qwen3vl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwen3vl.inference.EmbedRequest;
import dev.qwen3vl.inference.EmbeddingResult;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import dev.qwen3vl.inference.VideoInput;
import dev.qwen3vl.input.EncodedSequence;
import dev.qwen3vl.input.Visual;
import dev.qwen3vl.input.image.ImageSource;
import dev.qwen3vl.input.video.VideoOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/qwen3vl embed}: one embedding of texts, images and videos as JSON (vector, dimension, token count,
 * and for videos the sampled frames and timestamps).
 */
@Command(name = "embed", description = "Embed texts, images and videos together into one vector; prints JSON.")
final class EmbedCommand implements Callable<Integer> {

    @Mixin
    private HelpOption help;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelArgs model;

    @Option(names = "--text", paramLabel = "TEXT", description = "a text (repeatable)")
    private List<String> texts = new ArrayList<>();

    @Option(names = "--image", paramLabel = "PATH|URL", description = "an image file, URL or data URI (repeatable)")
    private List<String> images = new ArrayList<>();

    @Option(names = "--video", paramLabel = "PATH", description = "a video file (repeatable)")
    private List<Path> videos = new ArrayList<>();

    @Option(names = "--instruction", description = "the embedding instruction (default: the model's)")
    private String instruction;

    @Option(names = "--dimension", description = "Matryoshka dimension (default: the hidden size)")
    private Integer dimension;

    @Option(names = "--fps", description = "frames sampled per second of a video file (default 1)")
    private Double fps;

    @Option(names = "--max-frames", description = "most frames sampled from a video")
    private Integer maxFrames;

    @Override
    public Integer call() throws Exception {
        VideoOptions.Builder video = VideoOptions.defaults().toBuilder();
        if (fps != null) {
            video.fps(fps);
        }
        if (maxFrames != null) {
            video.maxFrames(maxFrames);
        }
        VideoOptions videoOptions = video.build();
        MultimodalContent.Builder content = MultimodalContent.builder();
        videos.forEach(v -> content.video(VideoInput.ofFile(v, videoOptions)));
        images.forEach(i -> content.image(ImageSource.parse(i)));
        texts.forEach(content::text);
        EmbedRequest request = new EmbedRequest(content.build(), instruction, dimension);
        try (Qwen3VlEmbedder embedder = Qwen3VlEmbedder.load(model.folder(), model.settings())) {
            EncodedSequence sequence = embedder.encode(request);
            EmbeddingResult result = embedder.embed(sequence, request.dimension());
            ObjectMapper json = new ObjectMapper();
            ObjectNode node = json.createObjectNode();
            node.put("dtype", embedder.computeType().type().label());
            node.put("dimension", result.vector().length);
            node.put("token_count", result.tokenCount());
            ArrayNode videoNodes = node.putArray("videos");
            for (Visual v : sequence.visuals()) {
                if (v.video()) {
                    ObjectNode vn = videoNodes.addObject();
                    v.frameIndices().forEach(vn.putArray("sampled_frames")::add);
                    v.timestamps().forEach(vn.putArray("timestamps")::add);
                    vn.put("grid_thw", v.patches().gridT() + "x" + v.patches().gridH() + "x" + v.patches().gridW());
                }
            }
            ArrayNode vector = node.putArray("vector");
            for (float f : result.vector()) {
                vector.add(f);
            }
            spec.commandLine().getOut().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        }
        return 0;
    }
}
