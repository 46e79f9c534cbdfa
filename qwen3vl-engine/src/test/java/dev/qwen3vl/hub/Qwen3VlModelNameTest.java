package dev.qwen3vl.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class Qwen3VlModelNameTest {

    @Test
    void should_name_the_published_checkpoints_with_their_dimensions() {
        assertThat(Qwen3VlModelName.values()).extracting(Qwen3VlModelName::hubId, Qwen3VlModelName::embeddingDimension)
                .containsExactly(
                        Tuple.tuple("Qwen/Qwen3-VL-Embedding-2B", 2048),
                        Tuple.tuple("Qwen/Qwen3-VL-Embedding-8B", 4096),
                        Tuple.tuple("Qwen/Qwen3-VL-Reranker-2B", 2048),
                        Tuple.tuple("Qwen/Qwen3-VL-Reranker-8B", 4096));
        assertThat(Qwen3VlModelName.QWEN3_VL_EMBEDDING_8B.isEmbedding()).isTrue();
        assertThat(Qwen3VlModelName.QWEN3_VL_RERANKER_2B.isEmbedding()).isFalse();
    }

    @Test
    void should_map_each_hub_id_to_its_cache_folder() {
        assertThat(HubModelId.parse(Qwen3VlModelName.QWEN3_VL_RERANKER_8B.hubId()))
                .hasValueSatisfying(id -> {
                    assertThat(id.revision()).isEqualTo("main");
                    assertThat(id.cacheFolderName()).isEqualTo("models--Qwen--Qwen3-VL-Reranker-8B");
                });
        assertThat(HubModelId.parse("Qwen/Qwen3-VL-Embedding-2B@refs/pr/11"))
                .hasValue(new HubModelId("Qwen/Qwen3-VL-Embedding-2B", "refs/pr/11"));
        assertThat(HubModelId.parse("models/local--copy")).isEmpty();
        assertThat(HubModelId.parse("just-a-name")).isEmpty();
    }

    @Test
    void should_find_a_constant_by_hub_id_or_list_the_known_ones() {
        assertThat(Qwen3VlModelName.fromHubId("qwen/qwen3-vl-reranker-2b"))
                .isEqualTo(Qwen3VlModelName.QWEN3_VL_RERANKER_2B);
        assertThatThrownBy(() -> Qwen3VlModelName.fromHubId("Qwen/Qwen3-VL-Embedding-4B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown Qwen3-VL model 'Qwen/Qwen3-VL-Embedding-4B'")
                .hasMessageContaining("Qwen/Qwen3-VL-Reranker-8B");
    }
}
