package dev.qwen3vl.quarkus.runtime;

import dev.qwen3vl.langchain4j.Qwen3VlEmbeddingModel;
import dev.qwen3vl.langchain4j.Qwen3VlScoringModel;
import dev.qwen3vl.quarkus.runtime.config.Qwen3VlBuildConfig;
import dev.qwen3vl.quarkus.runtime.config.Qwen3VlRuntimeConfig;
import io.quarkus.arc.ActiveResult;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** Starts loading the configured models and creates their beans. */
@Recorder
public class Qwen3VlRecorder {

    private static final Logger LOG = Logger.getLogger(Qwen3VlRecorder.class);

    private final RuntimeValue<Qwen3VlRuntimeConfig> config;
    private final Qwen3VlBuildConfig build;

    /**
     * @param config the runtime configuration
     * @param build which models have beans (fixed at build time)
     */
    public Qwen3VlRecorder(RuntimeValue<Qwen3VlRuntimeConfig> config, Qwen3VlBuildConfig build) {
        this.config = config;
        this.build = build;
    }

    /**
     * Validates the configuration of every model in use and starts loading them in the background; the models are
     * closed at shutdown.
     *
     * @param embeddingNames names that have an embedding-model bean
     * @param scoringNames names that have a scoring-model bean
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the property, for a wrong setting
     */
    public RuntimeValue<Qwen3VlModels> startLoading(List<String> embeddingNames, List<String> scoringNames,
            ShutdownContext shutdown) {
        Qwen3VlRuntimeConfig c = config.getValue();
        warnAboutModelsWithoutBean(c, embeddingNames, scoringNames);
        ModelFactory factory = new ModelFactory(c);
        Qwen3VlModels models = new Qwen3VlModels();
        for (String name : embeddingNames) {
            Optional<String> reference = activeReference(c, name, ModelTask.EMBEDDING);
            if (reference.isPresent()) {
                EmbeddingListenerRelay relay = new EmbeddingListenerRelay();
                LoadingModel<Qwen3VlEmbeddingModel> model = new LoadingModel<>(name, ModelTask.EMBEDDING,
                        reference.get());
                models.addEmbedding(model, relay, factory.embedding(name, relay, model));
            }
        }
        for (String name : scoringNames) {
            Optional<String> reference = activeReference(c, name, ModelTask.SCORING);
            if (reference.isPresent()) {
                LoadingModel<Qwen3VlScoringModel> model = new LoadingModel<>(name, ModelTask.SCORING, reference.get());
                models.addScoring(model, factory.scoring(name, model));
            }
        }
        shutdown.addShutdownTask(models::close);
        models.start();
        return new RuntimeValue<>(models);
    }

    /** Creates the embedding-model bean of {@code modelName}: the loaded model, waiting for its load. */
    public Function<SyntheticCreationalContext<Qwen3VlEmbeddingModel>, Qwen3VlEmbeddingModel> embeddingModel(
            String modelName) {
        return context -> context.getInjectedReference(Qwen3VlModels.class).embedding(modelName).await();
    }

    /** Creates the scoring-model bean of {@code modelName}: the loaded model, waiting for its load. */
    public Function<SyntheticCreationalContext<Qwen3VlScoringModel>, Qwen3VlScoringModel> scoringModel(
            String modelName) {
        return context -> context.getInjectedReference(Qwen3VlModels.class).scoring(modelName).await();
    }

    /** Whether the bean of a model is active: its {@code model} is set and it is enabled. */
    public Supplier<ActiveResult> active(String modelName, ModelTask task) {
        return () -> ModelSelection.inactiveReason(config.getValue(), build, modelName, task)
                .map(ActiveResult::inactive)
                .orElseGet(ActiveResult::active);
    }

    private Optional<String> activeReference(Qwen3VlRuntimeConfig c, String name, ModelTask task) {
        if (ModelSelection.inactiveReason(c, build, name, task).isPresent()) {
            return Optional.empty();
        }
        return ModelSelection.reference(c, name, task);
    }

    // models configured at run time only, under a name the build did not know: they have no bean
    private void warnAboutModelsWithoutBean(Qwen3VlRuntimeConfig c, List<String> embeddingNames,
            List<String> scoringNames) {
        List<String> names = new ArrayList<>();
        names.add(ConfigNames.DEFAULT_NAME);
        names.addAll(c.namedConfig().keySet());
        for (String name : names) {
            warnIfNoBean(c, name, ModelTask.EMBEDDING, embeddingNames);
            warnIfNoBean(c, name, ModelTask.SCORING, scoringNames);
        }
    }

    private void warnIfNoBean(Qwen3VlRuntimeConfig c, String name, ModelTask task, List<String> withBean) {
        if (!withBean.contains(name) && ModelSelection.inactiveReason(c, build, name, task).isEmpty()) {
            LOG.warnf("%s is set, but the build created no bean for it: nothing injects it and %s was not true when"
                    + " the application was built; the model is not loaded",
                    ConfigNames.property(name, task.key() + ".model"), ConfigNames.property(name, task.key() + ".enabled"));
        }
    }
}
