package dev.qwen3vl.quarkus.runtime.devui;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.output.Response;
import dev.qwen3vl.langchain4j.Qwen3VlEmbeddingModel;
import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.LoadingModel;
import dev.qwen3vl.quarkus.runtime.Qwen3VlModels;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Dev UI's access to the models (development mode only): their states, and a trial embedding of a text.
 * Answers are plain maps, which the Dev UI sends as JSON.
 */
public class Qwen3VlJsonRpcService {

    /** How many leading values of a trial embedding are shown. */
    static final int PREVIEW_VALUES = 8;

    @Inject
    Qwen3VlModels models;

    /** Every configured model: name, task, reference, state, failure and (for a loaded embedding model) dimension. */
    public List<Map<String, Object>> getModels() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LoadingModel<?> model : models.all()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", model.modelName());
            row.put("task", model.task().key());
            row.put("reference", model.reference());
            row.put("state", model.state().name().toLowerCase(Locale.ROOT));
            row.put("failure", model.failure().orElse(""));
            if (model.state() == LoadingModel.State.READY && model.task().key().equals("embedding")) {
                row.put("dimension", models.embedding(model.modelName()).await().dimension());
            }
            out.add(row);
        }
        return out;
    }

    /**
     * Embeds {@code text} with the embedding model {@code modelName} (empty for the unnamed one) and returns its
     * dimension, token count and first values, or an {@code error} if the model is not loaded.
     */
    @Blocking
    public Map<String, Object> embed(String modelName, String text) {
        String name = modelName == null || modelName.isBlank() ? ConfigNames.DEFAULT_NAME : modelName;
        Map<String, Object> out = new LinkedHashMap<>();
        if (!models.embeddingModels().containsKey(name)) {
            out.put("error", "No Qwen3-VL embedding model named '" + name + "'");
            return out;
        }
        LoadingModel<Qwen3VlEmbeddingModel> model = models.embedding(name);
        if (model.state() != LoadingModel.State.READY) {
            out.put("error", ConfigNames.describe(name, model.task()) + " is " + model.state().name()
                    .toLowerCase(Locale.ROOT) + model.failure().map(f -> ": " + f).orElse(""));
            return out;
        }
        Response<Embedding> response = model.await().embed(text);
        float[] vector = response.content().vector();
        List<Float> first = new ArrayList<>();
        for (int i = 0; i < Math.min(PREVIEW_VALUES, vector.length); i++) {
            first.add(vector[i]);
        }
        out.put("dimension", vector.length);
        out.put("tokens", response.tokenUsage() == null ? null : response.tokenUsage().inputTokenCount());
        out.put("first", first);
        return out;
    }
}
