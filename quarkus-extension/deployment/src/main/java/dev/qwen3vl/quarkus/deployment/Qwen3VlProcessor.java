package dev.qwen3vl.quarkus.deployment;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.qwen3vl.langchain4j.Qwen3VlEmbeddingModel;
import dev.qwen3vl.langchain4j.Qwen3VlScoringModel;
import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.ModelName;
import dev.qwen3vl.quarkus.runtime.ModelTask;
import dev.qwen3vl.quarkus.runtime.Qwen3VlModels;
import dev.qwen3vl.quarkus.runtime.Qwen3VlRecorder;
import dev.qwen3vl.quarkus.runtime.config.Qwen3VlBuildConfig;
import dev.qwen3vl.quarkus.runtime.health.Qwen3VlReadinessCheck;
import dev.qwen3vl.quarkus.runtime.metrics.Qwen3VlMetrics;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.processor.DotNames;
import io.quarkus.arc.processor.InjectionPointInfo;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Type;

/**
 * Build steps of the Qwen3-VL extension: one {@code EmbeddingModel} / {@code ScoringModel} bean per configured or
 * injected model name, the models' background loading at startup, and the readiness check and metrics when the
 * application has SmallRye Health and Micrometer.
 */
class Qwen3VlProcessor {

    static final String FEATURE = "qwen3vl";

    private static final DotName EMBEDDING_MODEL = DotName.createSimple(EmbeddingModel.class);
    private static final DotName QWEN3VL_EMBEDDING_MODEL = DotName.createSimple(Qwen3VlEmbeddingModel.class);
    private static final DotName SCORING_MODEL = DotName.createSimple(ScoringModel.class);
    private static final DotName QWEN3VL_SCORING_MODEL = DotName.createSimple(Qwen3VlScoringModel.class);
    private static final DotName MODEL_NAME = DotName.createSimple(ModelName.class);
    private static final DotName PROVIDER = DotName.createSimple("jakarta.inject.Provider");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem qualifier() {
        return AdditionalBeanBuildItem.builder().addBeanClass(ModelName.class).build();
    }

    /** The names the application injects plus those enabled at build time. */
    @BuildStep
    ModelBeansBuildItem modelBeans(BeanDiscoveryFinishedBuildItem beans, Qwen3VlBuildConfig config) {
        Set<String> embedding = new TreeSet<>(ConfiguredModels.names(config, ModelTask.EMBEDDING));
        Set<String> scoring = new TreeSet<>(ConfiguredModels.names(config, ModelTask.SCORING));
        for (InjectionPointInfo ip : beans.getInjectionPoints()) {
            DotName type = injectedType(ip);
            if (type.equals(EMBEDDING_MODEL) || type.equals(QWEN3VL_EMBEDDING_MODEL)) {
                addName(ip, embedding);
            } else if (type.equals(SCORING_MODEL) || type.equals(QWEN3VL_SCORING_MODEL)) {
                addName(ip, scoring);
            }
        }
        return new ModelBeansBuildItem(new ArrayList<>(embedding), new ArrayList<>(scoring));
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    ModelsBuildItem startLoading(Qwen3VlRecorder recorder, ModelBeansBuildItem names,
            ShutdownContextBuildItem shutdown) {
        return new ModelsBuildItem(recorder.startLoading(names.embeddingNames(), names.scoringNames(), shutdown));
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void beans(Qwen3VlRecorder recorder, ModelBeansBuildItem names, ModelsBuildItem models,
            BuildProducer<SyntheticBeanBuildItem> beans) {
        beans.produce(SyntheticBeanBuildItem.configure(Qwen3VlModels.class)
                .scope(Singleton.class)
                .setRuntimeInit()
                .unremovable()
                .runtimeValue(models.models())
                .done());
        Type registry = ClassType.create(DotName.createSimple(Qwen3VlModels.class));
        for (String name : names.embeddingNames()) {
            SyntheticBeanBuildItem.ExtendedBeanConfigurator bean = SyntheticBeanBuildItem
                    .configure(QWEN3VL_EMBEDDING_MODEL)
                    .types(EmbeddingModel.class, Qwen3VlEmbeddingModel.class)
                    .addInjectionPoint(registry)
                    .createWith(recorder.embeddingModel(name))
                    .checkActive(recorder.active(name, ModelTask.EMBEDDING));
            beans.produce(qualified(bean, name).done());
        }
        for (String name : names.scoringNames()) {
            SyntheticBeanBuildItem.ExtendedBeanConfigurator bean = SyntheticBeanBuildItem
                    .configure(QWEN3VL_SCORING_MODEL)
                    .types(ScoringModel.class, Qwen3VlScoringModel.class)
                    .addInjectionPoint(registry)
                    .createWith(recorder.scoringModel(name))
                    .checkActive(recorder.active(name, ModelTask.SCORING));
            beans.produce(qualified(bean, name).done());
        }
    }

    @BuildStep
    void health(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(Qwen3VlReadinessCheck.class));
        }
    }

    @BuildStep
    void metrics(Optional<MetricsCapabilityBuildItem> metrics, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (metrics.isPresent() && metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(Qwen3VlMetrics.class));
        }
    }

    // every model bean is a singleton, a default bean (an application's own bean of the type wins) and kept
    private static SyntheticBeanBuildItem.ExtendedBeanConfigurator qualified(
            SyntheticBeanBuildItem.ExtendedBeanConfigurator bean, String name) {
        bean.scope(Singleton.class).setRuntimeInit().defaultBean().unremovable();
        if (ConfigNames.isDefault(name)) {
            bean.addQualifier(DotNames.DEFAULT);
        } else {
            bean.addQualifier(AnnotationInstance.builder(MODEL_NAME).add("value", name).build());
        }
        return bean;
    }

    private static DotName injectedType(InjectionPointInfo ip) {
        Type type = ip.getRequiredType();
        boolean lookup = type.name().equals(DotNames.INSTANCE) || type.name().equals(DotNames.INJECTABLE_INSTANCE)
                || type.name().equals(PROVIDER);
        if (lookup && type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            return type.asParameterizedType().arguments().get(0).name();
        }
        return type.name();
    }

    private static void addName(InjectionPointInfo ip, Set<String> names) {
        AnnotationInstance modelName = ip.getRequiredQualifier(MODEL_NAME);
        if (modelName != null) {
            names.add(modelName.value().asString());
        } else if (ip.hasDefaultedQualifier() || ip.getRequiredQualifier(DotNames.DEFAULT) != null) {
            names.add(ConfigNames.DEFAULT_NAME);
        }
    }
}
