package dev.qwen3vl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwen3vl.inference.EmbedRequest;
import dev.qwen3vl.inference.EmbeddingResult;
import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.util.Vectors;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import dev.qwen3vl.inference.Qwen3VlReranker;
import dev.qwen3vl.inference.ScoreResult;
import dev.qwen3vl.inference.VideoInput;
import dev.qwen3vl.input.EncodedSequence;
import dev.qwen3vl.input.Patchifier;
import dev.qwen3vl.input.PixelPatches;
import dev.qwen3vl.input.PromptBuilder;
import dev.qwen3vl.input.Qwen3Tokenizer;
import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.input.SequenceEncoder;
import dev.qwen3vl.input.Visual;
import dev.qwen3vl.input.image.ImageLoader;
import dev.qwen3vl.input.image.ImagePreprocessor;
import dev.qwen3vl.input.image.ImageSource;
import dev.qwen3vl.input.image.SmartResize;
import dev.qwen3vl.input.video.ClipResizer;
import dev.qwen3vl.input.video.FrameSampler;
import dev.qwen3vl.input.video.VideoFileDecoder;
import dev.qwen3vl.input.video.VideoOptions;
import dev.qwen3vl.input.video.VideoTimestamps;
import dev.qwen3vl.model.ModelInput;
import dev.qwen3vl.model.Qwen3VlModel;
import dev.qwen3vl.model.SafetensorsFile;
import dev.qwen3vl.util.Linspace;
import dev.qwen3vl.inference.Pooling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a fixture folder (format of testdata/qwen3vl-tiny: tiny-model/, images/, golden.json,
 * golden.safetensors, optionally video-file/) against this implementation, case by case, with the tolerances of
 * the fixture README: ids and positions equal, pixel values within 1e-6, embeddings within 1e-4, reranker
 * logit differences within 1e-3, vision intermediates within 1e-4. With a reduced compute type (bfloat16) the
 * network's outputs are compared by 1 − cosine (at most 1e-3) and reranker scores within 0.01.
 */
public final class GoldenVerifier {

    static final double EMBEDDING_TOLERANCE = 1e-4;
    static final double LOGIT_TOLERANCE = 1e-3;
    static final double PIXEL_TOLERANCE = 1e-6;
    /**
     * End-to-end video-file embedding (our FFmpeg decode → sample → resize → embed). The bundled FFmpeg decodes the
     * fixture clip to exactly the reference's frames and the clip resize is exact, so the float32 tolerance applies;
     * another FFmpeg build could differ by a level or two (reported by the decode check).
     */
    static final double VIDEO_FILE_END_TO_END_TOLERANCE = 1e-4;

    /**
     * With a reduced compute type (bfloat16, float16) network outputs are compared by direction: 1 − cosine to the
     * float32 golden tensor at most this.
     */
    static final double REDUCED_COSINE_TOLERANCE = 1e-3;
    /** With a reduced compute type, reranker scores within this of the golden ones. */
    static final double REDUCED_SCORE_TOLERANCE = 0.01;
    /** ... and logit differences within 4× that: sigmoid's slope is at most 1/4, so this bounds the score alike. */
    static final double REDUCED_LOGIT_TOLERANCE = 0.04;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final ComputeType dtype;
    private final JsonNode golden;
    private final List<CaseResult> results = new ArrayList<>();
    private Qwen3VlModel network; // shared by the engine and the intermediate checks while run() lasts
    private SafetensorsFile tensors;

    /** @param dir a fixture folder, checked in float32 */
    public GoldenVerifier(Path dir) {
        this(dir, ComputeType.FLOAT32);
    }

    /**
     * @param dir a fixture folder
     * @param dtype the compute type the model runs in (float32 is compared element-wise, others by cosine)
     */
    public GoldenVerifier(Path dir, ComputeType dtype) {
        this.dir = dir;
        this.dtype = dtype;
        this.golden = readJson(dir.resolve("golden.json"));
    }

    /** Runs every check and returns the results in order. */
    public List<CaseResult> run() {
        tables();
        ImageLoader loader = new ImageLoader();
        ImagePreprocessor images = new ImagePreprocessor(loader);
        imagePreprocessing(loader, images);
        EngineSettings settings = EngineSettings.defaults().withModel(ModelOptions.cpu().withDtype(dtype));
        Path model = dir.resolve("tiny-model");
        network = Qwen3VlModel.load(model, settings.model());
        Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(model);
        tensors = SafetensorsFile.open(dir.resolve("golden.safetensors"));
        try (Qwen3VlEmbedder embedder = Qwen3VlEmbedder.of(network, tokenizer, settings)) {
            visionIntermediates(images);
            embeddings(embedder);
            videoFile(embedder, tokenizer, loader);
        } finally {
            tensors.close();
        }
        try (Qwen3VlReranker reranker = Qwen3VlReranker.load(model, settings)) {
            reranks(reranker);
        }
        return results;
    }

    private void tables() {
        int bad = 0;
        for (JsonNode c : golden.path("smart_resize")) {
            int[] out = SmartResize.compute(c.path("h").asInt(), c.path("w").asInt(), 32, 4096, 1_843_200);
            if (out[0] != c.path("out").get(0).asInt() || out[1] != c.path("out").get(1).asInt()) {
                bad++;
            }
        }
        results.add(CaseResult.exact("tables/smart_resize (" + golden.path("smart_resize").size() + ")", "sizes equal",
                bad == 0, bad + " differ"));
        bad = 0;
        for (JsonNode c : golden.path("linspace")) {
            float[] got = Linspace.float32(c.path("start").asDouble(), c.path("end").asDouble(), c.path("n").asInt());
            if (!Arrays.equals(got, floats(c.path("float32")))) {
                bad++;
            }
        }
        results.add(CaseResult.exact("tables/linspace (" + golden.path("linspace").size() + ")", "float32 bit-exact",
                bad == 0, bad + " differ"));
        bad = 0;
        for (JsonNode c : golden.path("timestamps")) {
            List<String> got = VideoTimestamps.formatted(ints(c.path("indices")), c.path("fps").asDouble());
            if (!got.equals(strings(c.path("timestamps")))) {
                bad++;
            }
        }
        results.add(CaseResult.exact("tables/timestamps (" + golden.path("timestamps").size() + ")", "strings equal",
                bad == 0, bad + " differ"));
        try (Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(dir.resolve("tiny-model"))) {
            bad = 0;
            for (JsonNode c : golden.path("tokenizer")) {
                if (!Arrays.equals(tokenizer.encode(c.path("text").asText()), longs(c.path("ids")))) {
                    bad++;
                }
            }
            results.add(CaseResult.exact("tables/tokenizer (" + golden.path("tokenizer").size() + ")", "ids equal",
                    bad == 0, bad + " differ"));
        }
    }

    private void imagePreprocessing(ImageLoader loader, ImagePreprocessor images) {
        try (SafetensorsFile tensors = SafetensorsFile.open(dir.resolve("golden.safetensors"))) {
            for (JsonNode c : golden.path("cases")) {
                if (!c.path("kind").asText().equals("image_preprocess")) {
                    continue;
                }
                String name = "image/" + c.path("image").asText();
                ImageSource source = ImageSource.ofPath(dir.resolve("images").resolve(c.path("image").asText()));
                RgbImage resized = images.resized(source);
                if (c.hasNonNull("resized_png")) {
                    RgbImage expected = loader.load(ImageSource.ofPath(dir.resolve("images").resolve(c.path("resized_png").asText())));
                    long differing = FrameDifference.of(List.of(expected), List.of(resized)).differing();
                    results.add(CaseResult.exact(name, "resize byte-exact vs " + c.path("resized_png").asText(),
                            differing == 0, differing + " bytes differ"));
                }
                PixelPatches p = images.preprocess(source);
                int[] grid = {p.gridT(), p.gridH(), p.gridW()};
                results.add(CaseResult.exact(name, "grid_thw equal", Arrays.equals(grid, ints(c.path("grid_thw"))),
                        Arrays.toString(grid)));
                if (c.hasNonNull("pixel_values")) {
                    results.add(CaseResult.compare(name, "pixel_values", maxAbs(p.values(),
                            tensors.readFloats(c.path("pixel_values").asText())), PIXEL_TOLERANCE));
                }
            }
        }
    }

    private void visionIntermediates(ImagePreprocessor images) {
        for (String key : tensors.tensors().keySet()) {
            if (!key.startsWith("vision/") || !key.endsWith("/merged")) {
                continue;
            }
            String stem = key.substring("vision/".length(), key.length() - "/merged".length());
            Path image = dir.resolve("images").resolve(stem + ".png");
            Qwen3VlModel.VisionFeatures f = network.encodeVision(List.of(images.preprocess(ImageSource.ofPath(image))));
            results.add(networkOutput("vision/" + stem, "merged", f.merged(), tensors.readFloats(key), EMBEDDING_TOLERANCE));
            for (int k = 0; k < f.deepstack().size(); k++) {
                String ds = "vision/" + stem + "/deepstack" + k;
                if (tensors.info(ds) != null) {
                    results.add(networkOutput("vision/" + stem, "deepstack" + k, f.deepstack().get(k),
                            tensors.readFloats(ds), EMBEDDING_TOLERANCE));
                }
            }
        }
    }

    private void embeddings(Qwen3VlEmbedder embedder) {
        for (JsonNode c : golden.path("cases")) {
            if (!c.path("kind").asText().equals("embedding")) {
                continue;
            }
            String name = "embedding/" + c.path("id").asText();
            EmbedRequest request = embeddingRequest(c);
            MultimodalContent mc = request.content();
            String instruction = request.instruction();
            EncodedSequence s = embedder.encode(request);
            idsAndPositions(name, c, s);
            if (c.has("hidden_states")) {
                hiddenStates(name, c.path("hidden_states"), s);
            }
            for (String[] variant : new String[][] {{"embedding", null}, {"embedding_dim16", "16"},
                    {"embedding_dim8", "8"}}) {
                if (!c.has(variant[0])) {
                    continue;
                }
                Integer dim = variant[1] == null ? null : Integer.valueOf(variant[1]);
                EmbeddingResult r = embedder.embed(new EmbedRequest(mc, instruction, dim));
                results.add(networkOutput(name, variant[0], r.vector(), floats(c.path(variant[0])), EMBEDDING_TOLERANCE));
            }
        }
    }

    // golden: 0 = embeddings, 1..n-1 = outputs of layers 1..n-1 (before DeepStack), last = after the final norm
    private void hiddenStates(String name, JsonNode keys, EncodedSequence s) {
        int layers = network.config().text().numLayers();
        network.lastTokenStates(List.of(new ModelInput(s.ids(), s.positions(), s.patches())), (index, hidden) -> {
            int goldenIndex = index == layers + 1 ? keys.size() - 1 : index;
            if (goldenIndex < keys.size() && (index < keys.size() - 1 || index == layers + 1)) {
                float[] got = hidden.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                results.add(networkOutput(name, "hidden state " + goldenIndex, got,
                        tensors.readFloats(keys.get(goldenIndex).asText()), EMBEDDING_TOLERANCE));
            }
        });
    }

    /** The input of every embedding case, full dimension. */
    public List<EmbedRequest> embeddingRequests() {
        List<EmbedRequest> out = new ArrayList<>();
        for (JsonNode c : golden.path("cases")) {
            if (c.path("kind").asText().equals("embedding")) {
                out.add(embeddingRequest(c));
            }
        }
        return out;
    }

    private EmbedRequest embeddingRequest(JsonNode c) {
        MultimodalContent.Builder content = MultimodalContent.builder();
        if (c.path("video").isTextual()) {
            content.video(frameListVideo());
        }
        c.path("images").forEach(i -> content.image(ImageSource.ofPath(dir.resolve("images").resolve(i.asText()))));
        c.path("texts").forEach(t -> content.text(t.asText()));
        String instruction = c.path("instruction").isNull() ? null : c.path("instruction").asText();
        return new EmbedRequest(content.build(), instruction, null);
    }

    private void reranks(Qwen3VlReranker reranker) {
        for (JsonNode c : golden.path("cases")) {
            if (!c.path("kind").asText().equals("rerank")) {
                continue;
            }
            String name = "rerank/" + c.path("id").asText();
            MultimodalContent.Builder q = MultimodalContent.builder();
            c.path("query_images").forEach(i -> q.image(ImageSource.ofPath(dir.resolve("images").resolve(i.asText()))));
            c.path("query_texts").forEach(t -> q.text(t.asText()));
            MultimodalContent.Builder d = MultimodalContent.builder();
            c.path("doc_images").forEach(i -> d.image(ImageSource.ofPath(dir.resolve("images").resolve(i.asText()))));
            c.path("doc_texts").forEach(t -> d.text(t.asText()));
            String instruction = c.path("instruction").isNull() ? null : c.path("instruction").asText();
            idsAndPositions(name, c, reranker.encode(q.build(), d.build(), instruction));
            ScoreResult r = reranker.score(q.build(), d.build(), instruction);
            boolean exact = dtype == ComputeType.FLOAT32;
            results.add(CaseResult.compare(name, "logit_diff", Math.abs(r.logit() - c.path("logit_diff").asDouble()),
                    exact ? LOGIT_TOLERANCE : REDUCED_LOGIT_TOLERANCE));
            results.add(CaseResult.compare(name, "score", Math.abs(r.score() - c.path("score").asDouble()),
                    exact ? LOGIT_TOLERANCE : REDUCED_SCORE_TOLERANCE));
        }
    }

    private void videoFile(Qwen3VlEmbedder embedder, Qwen3Tokenizer tokenizer, ImageLoader loader) {
        Path vdir = dir.resolve("video-file");
        if (!Files.isRegularFile(vdir.resolve("golden.json"))) {
            return; // this fixture has no video-file case
        }
        JsonNode g = readJson(vdir.resolve("golden.json"));
        Path clip = vdir.resolve(g.path("file").asText());
        String name = "video-file/" + g.path("file").asText();
        VideoOptions options = VideoOptions.defaults();
        try (VideoFileDecoder decoder = VideoFileDecoder.open(clip)) {
            results.add(CaseResult.exact(name, "total frames " + g.path("total_frames").asInt(),
                    decoder.frameCount() == g.path("total_frames").asInt(), "got " + decoder.frameCount()));
            results.add(CaseResult.compare(name, "native fps", Math.abs(decoder.fps() - g.path("native_fps").asDouble()),
                    1e-6));
            int[] indices = FrameSampler.sample(decoder.frameCount(), decoder.fps(), options);
            results.add(CaseResult.exact(name, "sampled indices", Arrays.equals(indices, ints(g.path("sampled_indices"))),
                    Arrays.toString(indices)));
            results.add(CaseResult.exact(name, "timestamps", VideoTimestamps.formatted(indices, decoder.fps())
                    .equals(strings(g.path("timestamps"))), VideoTimestamps.formatted(indices, decoder.fps()).toString()));
            List<RgbImage> decoded = decoder.decode(indices);
            List<RgbImage> reference = new ArrayList<>();
            g.path("decoded_frames").forEach(f -> reference.add(loader.load(ImageSource.ofPath(vdir.resolve(f.asText())))));
            FrameDifference decode = FrameDifference.of(decoded, reference);
            results.add(new CaseResult(name, "decode vs decoded_*.png (levels)", decode.worst(), 255,
                    CaseResult.Status.PASS, String.format("%d of %d values differ, by at most %d: reported, not required",
                            decode.differing(), decode.total(), decode.worst())));
        }
        int[] hw = ints(g.path("resized_hw"));
        List<RgbImage> ours = new ArrayList<>();
        List<RgbImage> expected = new ArrayList<>();
        g.path("decoded_frames").forEach(f -> ours.add(loader.load(ImageSource.ofPath(vdir.resolve(f.asText())))));
        g.path("resized_frames").forEach(f -> expected.add(loader.load(ImageSource.ofPath(vdir.resolve(f.asText())))));
        List<RgbImage> resized = ClipResizer.resize(ours, hw[1], hw[0]);
        FrameDifference resize = FrameDifference.of(resized, expected);
        boolean fewByOne = resize.worst() <= 1 && resize.differing() <= resize.total() / 1000;
        results.add(new CaseResult(name, "clip resize vs resized_*.png", resize.worst(), 1,
                fewByOne ? CaseResult.Status.PASS : CaseResult.Status.FAIL,
                String.format("%d of %d values differ, by at most %d level(s)", resize.differing(), resize.total(),
                        resize.worst())));

        PixelPatches fromResized = new Patchifier(16, 2, 2).frames(expected);
        try (SafetensorsFile videoTensors = SafetensorsFile.open(vdir.resolve("golden.safetensors"))) {
            float[] goldenPixels = videoTensors.readFloats("pixel_values_videos");
            results.add(CaseResult.compare(name, "pixel_values from resized_*.png", maxAbs(fromResized.values(),
                    goldenPixels), PIXEL_TOLERANCE));
            String text = userText(g.path("prompt").asText());
            PixelPatches goldenPatches = new PixelPatches(goldenPixels, fromResized.gridT(), fromResized.gridH(),
                    fromResized.gridW(), fromResized.rowSize());
            SequenceEncoder encoder = new SequenceEncoder(tokenizer, network.config().vision().spatialMergeSize());
            EncodedSequence fromGolden = encoder.embedding(PromptBuilder.embedding(null, 1, 0, List.of(text)),
                    List.of(Visual.video(goldenPatches, strings(g.path("timestamps")))),
                    Qwen3VlEmbedder.DEFAULT_MAX_LENGTH, false);
            idsAndPositions(name + " (golden pixels)", g, fromGolden);
            float[] pooled = network.lastTokenStates(
                    List.of(new ModelInput(fromGolden.ids(), fromGolden.positions(), fromGolden.patches())))[0];
            results.add(networkOutput(name, "embedding from golden pixel values",
                    Pooling.embedding(pooled, pooled.length), floats(g.path("embedding")), EMBEDDING_TOLERANCE));
            MultimodalContent endToEnd = MultimodalContent.builder().video(VideoInput.ofFile(clip)).text(text).build();
            EncodedSequence s = embedder.encode(EmbedRequest.of(endToEnd));
            idsAndPositions(name + " (end to end)", g, s);
            EmbeddingResult r = embedder.embed(EmbedRequest.of(endToEnd));
            results.add(networkOutput(name, "embedding end to end (decode→embed)", r.vector(),
                    floats(g.path("embedding")), VIDEO_FILE_END_TO_END_TOLERANCE));
        }
    }

    private VideoInput frameListVideo() {
        JsonNode v = golden.path("video");
        List<ImageSource> frames = new ArrayList<>();
        v.path("frames").forEach(f -> frames.add(ImageSource.ofPath(dir.resolve("images").resolve(f.asText()))));
        return VideoInput.ofFrames(frames, VideoOptions.defaults().toBuilder().sampleFps(v.path("fps").asDouble()).build());
    }

    private void idsAndPositions(String name, JsonNode c, EncodedSequence s) {
        long[] ids = longs(c.path("input_ids"));
        results.add(CaseResult.exact(name, "input_ids equal (" + ids.length + ")", Arrays.equals(ids, s.ids()),
                "got " + s.length() + " ids"));
        boolean same = true;
        for (int r = 0; r < 3; r++) {
            same &= Arrays.equals(longs(c.path("position_ids").get(r)), s.positions()[r]);
        }
        results.add(CaseResult.exact(name, "position_ids equal", same, "differ"));
    }

    private static String userText(String prompt) {
        int start = prompt.lastIndexOf("<|vision_end|>") + "<|vision_end|>".length();
        int end = prompt.indexOf("<|im_end|>", start);
        return prompt.substring(start, end);
    }

    // a network output against its float32 golden value: element-wise in float32, by 1 − cosine otherwise
    private CaseResult networkOutput(String name, String metric, float[] got, float[] expected, double float32Tolerance) {
        if (dtype == ComputeType.FLOAT32) {
            return CaseResult.compare(name, metric, maxAbs(got, expected), float32Tolerance);
        }
        double error = got.length == expected.length ? 1 - Vectors.cosine(got, expected) : Double.POSITIVE_INFINITY;
        return CaseResult.compare(name, metric + " 1-cos", error, REDUCED_COSINE_TOLERANCE);
    }

    static double maxAbs(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a.get(i).asDouble();
        }
        return out;
    }

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
