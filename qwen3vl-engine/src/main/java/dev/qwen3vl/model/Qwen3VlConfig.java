package dev.qwen3vl.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The parts of a Hugging Face Qwen3-VL {@code config.json} that inference needs, validated.
 *
 * <p>Both spellings of the rotary settings are accepted: transformers 5 writes
 * {@code text_config.rope_parameters}, transformers 4.57 (the released checkpoints) writes
 * {@code rope_theta} + {@code rope_scaling}.
 *
 * @param text the language model
 * @param vision the vision tower
 * @param imageTokenId {@code <|image_pad|>}
 * @param videoTokenId {@code <|video_pad|>}
 * @param visionStartTokenId {@code <|vision_start|>}
 * @param visionEndTokenId {@code <|vision_end|>}
 * @param tieWordEmbeddings whether the LM head is {@code embed_tokens}
 */
public record Qwen3VlConfig(
        TextConfig text,
        VisionConfig vision,
        long imageTokenId,
        long videoTokenId,
        long visionStartTokenId,
        long visionEndTokenId,
        boolean tieWordEmbeddings) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARCHITECTURE = "Qwen3VLForConditionalGeneration";

    /**
     * The text decoder's settings.
     *
     * @param hiddenSize H
     * @param numLayers decoder layers
     * @param numHeads query heads
     * @param numKvHeads key/value heads (grouped-query attention)
     * @param headDim per-head size (need not equal H / heads)
     * @param intermediateSize SwiGLU width
     * @param rmsNormEps RMSNorm epsilon
     * @param ropeTheta rotary base
     * @param mropeSection frequency slots for the t, h, w position rows
     * @param vocabSize embedding rows
     */
    public record TextConfig(
            int hiddenSize,
            int numLayers,
            int numHeads,
            int numKvHeads,
            int headDim,
            int intermediateSize,
            double rmsNormEps,
            double ropeTheta,
            int[] mropeSection,
            int vocabSize) {

        @Override
        public boolean equals(Object o) {
            return o instanceof TextConfig t && toString().equals(t.toString());
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }

        @Override
        public String toString() {
            return "TextConfig[hidden=" + hiddenSize + ", layers=" + numLayers + ", heads=" + numHeads + "/"
                    + numKvHeads + ", headDim=" + headDim + ", intermediate=" + intermediateSize + ", eps="
                    + rmsNormEps + ", ropeTheta=" + ropeTheta + ", mropeSection=" + Arrays.toString(mropeSection)
                    + ", vocab=" + vocabSize + "]";
        }
    }

    /**
     * The vision tower's settings.
     *
     * @param depth vision blocks
     * @param hiddenSize D
     * @param numHeads attention heads (head size D / heads)
     * @param intermediateSize MLP width
     * @param outHiddenSize merger output size (= text hidden size)
     * @param patchSize patch side in pixels
     * @param temporalPatchSize frames per patch
     * @param spatialMergeSize patches merged per side into one token
     * @param numPositionEmbeddings learned position table entries (a square)
     * @param deepstackVisualIndexes vision blocks whose output feeds the DeepStack mergers
     * @param ropeTheta 2-D rotary base
     * @param hiddenAct MLP activation
     */
    public record VisionConfig(
            int depth,
            int hiddenSize,
            int numHeads,
            int intermediateSize,
            int outHiddenSize,
            int patchSize,
            int temporalPatchSize,
            int spatialMergeSize,
            int numPositionEmbeddings,
            int[] deepstackVisualIndexes,
            double ropeTheta,
            String hiddenAct) {

        /** Values per patch row: 3 channels × temporal patch × patch². */
        public int patchRowSize() {
            return 3 * temporalPatchSize * patchSize * patchSize;
        }

        /** Side of the square learned position table. */
        public int positionTableSide() {
            return (int) Math.round(Math.sqrt(numPositionEmbeddings));
        }

        /** Head size. */
        public int headDim() {
            return hiddenSize / numHeads;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof VisionConfig v && toString().equals(v.toString());
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }

        @Override
        public String toString() {
            return "VisionConfig[depth=" + depth + ", hidden=" + hiddenSize + ", heads=" + numHeads
                    + ", intermediate=" + intermediateSize + ", out=" + outHiddenSize + ", patch=" + patchSize + "x"
                    + temporalPatchSize + ", merge=" + spatialMergeSize + ", positions=" + numPositionEmbeddings
                    + ", deepstack=" + Arrays.toString(deepstackVisualIndexes) + ", ropeTheta=" + ropeTheta
                    + ", act=" + hiddenAct + "]";
        }
    }

    /** Reads {@code config.json} of a model folder. */
    public static Qwen3VlConfig load(Path modelDir) {
        Path file = modelDir.resolve("config.json");
        try {
            return parse(JSON.readTree(Files.readString(file)), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a config tree; {@code source} names it in error messages. */
    public static Qwen3VlConfig parse(JsonNode c, String source) {
        JsonNode arch = c.path("architectures");
        String architecture = arch.isArray() && arch.size() > 0 ? arch.get(0).asText() : c.path("model_type").asText();
        if (!ARCHITECTURE.equals(architecture) && !"qwen3_vl".equals(c.path("model_type").asText())) {
            throw new IllegalArgumentException(source + " describes a '" + architecture + "' model; only "
                    + ARCHITECTURE + " (model_type qwen3_vl) checkpoints are supported");
        }
        JsonNode t = require(c, "text_config", source);
        JsonNode v = require(c, "vision_config", source);

        JsonNode rope = t.path("rope_parameters");
        JsonNode scaling = t.path("rope_scaling");
        double theta = rope.has("rope_theta") ? rope.get("rope_theta").asDouble() : t.path("rope_theta").asDouble(10000.0);
        JsonNode section = rope.has("mrope_section") ? rope.get("mrope_section") : scaling.path("mrope_section");
        if (!section.isArray() || section.size() != 3) {
            throw new IllegalArgumentException(
                    source + ": text_config needs mrope_section [t, h, w] in rope_parameters or rope_scaling");
        }
        String ropeType = rope.has("rope_type") ? rope.get("rope_type").asText()
                : scaling.path("rope_type").asText(scaling.path("type").asText("default"));
        if (!"default".equals(ropeType)) {
            throw new IllegalArgumentException(source + ": rope_type '" + ropeType + "' is not supported (only default)");
        }
        int hidden = requireInt(t, "hidden_size", source);
        int heads = requireInt(t, "num_attention_heads", source);
        TextConfig text = new TextConfig(
                hidden,
                requireInt(t, "num_hidden_layers", source),
                heads,
                t.path("num_key_value_heads").asInt(heads),
                t.path("head_dim").asInt(hidden / heads),
                requireInt(t, "intermediate_size", source),
                t.path("rms_norm_eps").asDouble(1e-6),
                theta,
                new int[] {section.get(0).asInt(), section.get(1).asInt(), section.get(2).asInt()},
                requireInt(t, "vocab_size", source));
        if (text.numHeads % text.numKvHeads != 0) {
            throw new IllegalArgumentException(source + ": num_attention_heads " + text.numHeads
                    + " is not a multiple of num_key_value_heads " + text.numKvHeads);
        }
        if (text.mropeSection[0] + text.mropeSection[1] + text.mropeSection[2] != text.headDim / 2) {
            throw new IllegalArgumentException(source + ": mrope_section " + Arrays.toString(text.mropeSection)
                    + " must add up to head_dim / 2 = " + text.headDim / 2);
        }

        JsonNode vrope = v.path("rope_parameters");
        JsonNode ds = v.path("deepstack_visual_indexes");
        int[] deepstack = new int[ds.isArray() ? ds.size() : 0];
        for (int i = 0; i < deepstack.length; i++) {
            deepstack[i] = ds.get(i).asInt();
        }
        VisionConfig vision = new VisionConfig(
                requireInt(v, "depth", source),
                requireInt(v, "hidden_size", source),
                requireInt(v, "num_heads", source),
                requireInt(v, "intermediate_size", source),
                requireInt(v, "out_hidden_size", source),
                v.path("patch_size").asInt(16),
                v.path("temporal_patch_size").asInt(2),
                v.path("spatial_merge_size").asInt(2),
                requireInt(v, "num_position_embeddings", source),
                deepstack,
                vrope.path("rope_theta").asDouble(10000.0),
                v.path("hidden_act").asText("gelu_pytorch_tanh"));
        if (vision.outHiddenSize != text.hiddenSize) {
            throw new IllegalArgumentException(source + ": vision out_hidden_size " + vision.outHiddenSize
                    + " differs from text hidden_size " + text.hiddenSize);
        }
        if (deepstack.length > text.numLayers) {
            throw new IllegalArgumentException(source + ": " + deepstack.length
                    + " DeepStack layers but only " + text.numLayers + " decoder layers");
        }
        for (int idx : deepstack) {
            if (idx < 0 || idx >= vision.depth) {
                throw new IllegalArgumentException(source + ": deepstack_visual_indexes entry " + idx
                        + " is outside the " + vision.depth + " vision blocks");
            }
        }
        int side = vision.positionTableSide();
        if (side * side != vision.numPositionEmbeddings) {
            throw new IllegalArgumentException(source + ": num_position_embeddings " + vision.numPositionEmbeddings
                    + " is not a square");
        }
        boolean tie = c.has("tie_word_embeddings") ? c.get("tie_word_embeddings").asBoolean()
                : t.path("tie_word_embeddings").asBoolean(false);
        return new Qwen3VlConfig(
                text,
                vision,
                c.path("image_token_id").asLong(151655),
                c.path("video_token_id").asLong(151656),
                c.path("vision_start_token_id").asLong(151652),
                c.path("vision_end_token_id").asLong(151653),
                tie);
    }

    private static JsonNode require(JsonNode node, String key, String source) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException(source + " has no '" + key + "'");
        }
        return n;
    }

    private static int requireInt(JsonNode node, String key, String source) {
        JsonNode n = node.get(key);
        if (n == null || !n.canConvertToInt()) {
            throw new IllegalArgumentException(source + ": missing or non-integer '" + key + "'");
        }
        return n.asInt();
    }
}
