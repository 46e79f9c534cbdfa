package dev.qwen3vl.quarkus.runtime.health;

import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.LoadingModel;
import dev.qwen3vl.quarkus.runtime.Qwen3VlModels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Qwen3-VL models: UP when every configured model is loaded, DOWN while one is loading or after
 * one failed to load. Its data has one entry per model ({@code embedding}, {@code scoring}, or
 * {@code NAME.embedding} for a named model) with {@code ready}, {@code loading} (with the file and percentage while
 * it is downloaded from the hub) or {@code failed: <reason>}.
 * Registered only when the application has SmallRye Health.
 */
@Readiness
@ApplicationScoped
public class Qwen3VlReadinessCheck implements HealthCheck {

    /** The name of the check in health responses. */
    public static final String NAME = "Qwen3-VL models";

    @Inject
    Qwen3VlModels models;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (LoadingModel<?> model : models.all()) {
            LoadingModel.State state = model.state();
            if (state != LoadingModel.State.READY) {
                response.down();
            }
            response.withData(key(model), describe(model, state));
        }
        return response.build();
    }

    private static String key(LoadingModel<?> model) {
        return ConfigNames.isDefault(model.modelName()) ? model.task().key()
                : model.modelName() + "." + model.task().key();
    }

    private static String describe(LoadingModel<?> model, LoadingModel.State state) {
        return switch (state) {
            case READY -> "ready";
            case LOADING -> model.download().map(d -> "loading: downloading " + d.file() + " (" + d.percent() + "%, "
                    + d.bytesDone() + " of " + d.totalBytes() + " bytes)").orElse("loading");
            case FAILED -> "failed: " + model.failure().orElse("unknown reason");
            case CLOSED -> "closed";
        };
    }
}
