package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.demo.ingest.FileKind;
import dev.qwen3vl.demo.rag.ChatModels;
import dev.qwen3vl.pgvector.SearchMode;
import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.LoadingModel;
import dev.qwen3vl.quarkus.runtime.Qwen3VlModels;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/info}: what the application runs with, for the web page. */
@Path("/api/info")
@Tag(name = "Info", description = "Models and settings")
public class InfoResource {

    /**
     * The application's setup.
     *
     * @param models              every Qwen3-VL model with its reference and state (ready, loading, failed: …)
     * @param chatModel           the chat model and base URL, or null when answers are extractive
     * @param chatVision          whether the chat model is shown the passages' pictures (else it reads text only)
     * @param hybridSearch        whether searches rank by full text too unless a request says otherwise
     * @param topK                default top-k
     * @param topN                default top-n
     * @param maxTopK             largest top-k
     * @param maxFileSize         largest upload in bytes
     * @param supportedExtensions the file types that can be uploaded
     */
    public record Info(Map<String, ModelInfo> models, String chatModel, boolean chatVision, boolean hybridSearch,
                       int topK, int topN, int maxTopK, long maxFileSize, List<String> supportedExtensions) {
    }

    /**
     * A Qwen3-VL model.
     *
     * @param reference its folder or hub id
     * @param state     ready, loading, failed: reason, or closed
     * @param download  the file being downloaded from the hub while it loads, or null
     */
    public record ModelInfo(String reference, String state, LoadingModel.Download download) {
    }

    @Inject
    Qwen3VlModels models;

    @Inject
    ChatModels chatModels;

    @Inject
    DemoConfig config;

    /** @return the setup */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Models, chat model and limits")
    public Info info() {
        Map<String, ModelInfo> states = new LinkedHashMap<>();
        for (LoadingModel<?> model : models.all()) {
            String state = model.state().name().toLowerCase(Locale.ROOT);
            if (model.state() == LoadingModel.State.FAILED) {
                state += ": " + model.failure().orElse("unknown reason");
            }
            String key = ConfigNames.isDefault(model.modelName()) ? model.task().key()
                    : model.modelName() + "." + model.task().key();
            states.put(key, new ModelInfo(model.reference(), state, model.download().orElse(null)));
        }
        DemoConfig.Retrieval r = config.retrieval();
        return new Info(states, chatModels.description().orElse(null), chatModels.vision(),
                config.store().searchMode() == SearchMode.HYBRID, r.topK(), r.topN(), r.maxTopK(),
                config.upload().maxFileSize().asLongValue(), FileKind.supportedExtensions());
    }
}
