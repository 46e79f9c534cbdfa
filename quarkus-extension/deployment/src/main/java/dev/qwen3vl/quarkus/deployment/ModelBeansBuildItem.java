package dev.qwen3vl.quarkus.deployment;

import io.quarkus.builder.item.SimpleBuildItem;
import java.util.List;

/** The model names that get an embedding-model bean and those that get a scoring-model bean. */
public final class ModelBeansBuildItem extends SimpleBuildItem {

    private final List<String> embeddingNames;
    private final List<String> scoringNames;

    /**
     * @param embeddingNames names with an embedding-model bean, {@code <default>} for the unnamed model
     * @param scoringNames names with a scoring-model bean
     */
    public ModelBeansBuildItem(List<String> embeddingNames, List<String> scoringNames) {
        this.embeddingNames = List.copyOf(embeddingNames);
        this.scoringNames = List.copyOf(scoringNames);
    }

    /** Names with an embedding-model bean. */
    public List<String> embeddingNames() {
        return embeddingNames;
    }

    /** Names with a scoring-model bean. */
    public List<String> scoringNames() {
        return scoringNames;
    }
}
