package dev.qwen3vl.quarkus.deployment;

import dev.qwen3vl.quarkus.runtime.devui.Qwen3VlJsonRpcService;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/** The Dev UI card (development mode only): the models with their states, and a text box to try an embedding. */
class Qwen3VlDevUiProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card(ModelBeansBuildItem beans) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Models")
                .icon("font-awesome-solid:cubes")
                .componentLink("qwc-qwen3vl-models.js")
                .staticLabel(String.valueOf(beans.embeddingNames().size() + beans.scoringNames().size())));
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(Qwen3VlJsonRpcService.class);
    }
}
