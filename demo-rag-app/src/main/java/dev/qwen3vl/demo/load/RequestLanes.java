package dev.qwen3vl.demo.load;

import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.LoadingModel;
import dev.qwen3vl.quarkus.runtime.Qwen3VlModels;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Admission of the expensive requests ({@code /api/ask}, {@code /api/chat}): 503 while the models are loading, then a
 * bounded {@link Lane} per kind (429 when full), a deadline per request ({@code demo.limits.request-timeout}) and
 * cancellation when the client closes its connection.
 */
@ApplicationScoped
public class RequestLanes {

    private final Qwen3VlModels models;
    private final DemoConfig.Limits limits;
    private final Lane ask;
    private final Lane chat;

    /**
     * @param models the Qwen3-VL models, to refuse requests while they load
     * @param config the lane sizes and the deadline
     */
    @Inject
    public RequestLanes(Qwen3VlModels models, DemoConfig config) {
        this.models = models;
        this.limits = config.limits();
        this.ask = new Lane("ask", "demo.limits.ask", limits.askConcurrency(), limits.askQueue(),
                limits.retryAfter());
        this.chat = new Lane("chat", "demo.limits.chat", limits.chatConcurrency(), limits.chatQueue(),
                limits.retryAfter());
    }

    /** Runs an ask request's work; see {@link Lane#call}. */
    public <T> T ask(Callable<T> work, HttpServerResponse response) {
        return run(ask, work, response);
    }

    /** Runs a chat request's work; see {@link Lane#call}. */
    public <T> T chat(Callable<T> work, HttpServerResponse response) {
        return run(chat, work, response);
    }

    /** The ask lane (counts). */
    public Lane askLane() {
        return ask;
    }

    /** The chat lane (counts). */
    public Lane chatLane() {
        return chat;
    }

    /**
     * Refuses with 503 while a model is loading or failed to load.
     *
     * @throws OverloadedException 503 naming the model and its state
     */
    public void requireModelsReady() {
        for (LoadingModel<?> model : models.all()) {
            LoadingModel.State state = model.state();
            if (state == LoadingModel.State.LOADING) {
                throw new OverloadedException(503, "models_loading", ConfigNames.describe(model.modelName(),
                        model.task()) + " (" + model.reference() + ") is still loading; retry in "
                        + limits.retryAfter().toSeconds() + " s", limits.retryAfter());
            }
            if (state == LoadingModel.State.FAILED) {
                throw new OverloadedException(503, "model_unavailable", ConfigNames.describe(model.modelName(),
                        model.task()) + " (" + model.reference() + ") failed to load: "
                        + model.failure().orElse("unknown reason"), limits.retryAfter());
            }
        }
    }

    private <T> T run(Lane lane, Callable<T> work, HttpServerResponse response) {
        requireModelsReady();
        return lane.call(work, limits.requestTimeout(), onGone -> {
            if (response == null) {
                return;
            }
            response.closeHandler(ignored -> onGone.run());
            if (response.closed()) {
                onGone.run();
            }
        });
    }

    @PreDestroy
    void stop() {
        ask.close();
        chat.close();
    }
}
