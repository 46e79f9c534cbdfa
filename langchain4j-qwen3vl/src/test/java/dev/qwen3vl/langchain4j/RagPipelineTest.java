package dev.qwen3vl.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.RelevanceScore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.qwen3vl.inference.EmbedRequest;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.ScoreResult;
import dev.qwen3vl.input.image.ImageSource;
import dev.qwen3vl.testing.Fixtures;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A RAG pipeline of stock LangChain4j parts — EmbeddingStoreIngestor, InMemoryEmbeddingStore,
 * EmbeddingStoreContentRetriever, ReRankingContentAggregator — around our models, with an image document carried
 * through segment metadata; every score must equal a direct engine call.
 */
class RagPipelineTest {

    static Qwen3VlEmbeddingModel embeddingModel;
    static Qwen3VlScoringModel scoringModel;
    static final String QUERY = "colourful waves";

    @BeforeAll
    static void load() {
        embeddingModel = Qwen3VlEmbeddingModel.builder().modelPath(Fixtures.model()).build();
        scoringModel = Qwen3VlScoringModel.builder().modelPath(Fixtures.model()).build();
    }

    @AfterAll
    static void close() {
        embeddingModel.close();
        scoringModel.close();
    }

    static List<Document> documents() {
        String image = Fixtures.image("b_100x150.png").toString();
        return List.of(
                Document.from("Paris is the capital of France."),
                Document.from("Bananas are a good source of potassium."),
                Document.from("The sea at dusk, waves in many colours."),
                Document.from("a picture", Metadata.from(Qwen3VlMetadata.IMAGE, image)));
    }

    static MultimodalContent engineContent(TextSegment s) {
        String image = s.metadata().getString(Qwen3VlMetadata.IMAGE);
        MultimodalContent.Builder b = MultimodalContent.builder();
        if (image != null) {
            b.image(ImageSource.ofPath(java.nio.file.Paths.get(image)));
        }
        return b.text(s.text()).build();
    }

    @Test
    void should_ingest_retrieve_and_rerank_with_engine_exact_scores() {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        EmbeddingStoreIngestor.builder()
                .embeddingModel(embeddingModel)
                .embeddingStore(store)
                .build()
                .ingest(documents());

        EmbeddingStoreContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                .embeddingStore(store)
                .embeddingModel(embeddingModel)
                .embeddingInputType(EmbeddingInputType.QUERY)
                .maxResults(4)
                .build();
        List<Content> retrieved = retriever.retrieve(Query.from(QUERY));
        assertThat(retrieved).hasSize(4);

        // retrieval scores: cosine of the engine's query embedding (query instruction) and document embeddings
        float[] query = embeddingModel.embedder()
                .embed(new EmbedRequest(MultimodalContent.text(QUERY), Qwen3VlEmbeddingModel.DEFAULT_QUERY_INSTRUCTION,
                        null))
                .vector();
        for (Content c : retrieved) {
            float[] doc = embeddingModel.embedder().embed(EmbedRequest.of(engineContent(c.textSegment()))).vector();
            double expected = RelevanceScore.fromCosineSimilarity(
                    CosineSimilarity.between(Embedding.from(query), Embedding.from(doc)));
            assertThat((Double) c.metadata().get(ContentMetadata.SCORE)).isCloseTo(expected, offset(1e-6));
        }

        // the image document was embedded with its image, not as text alone
        float[] imageDoc = embeddingModel.embedder().embed(EmbedRequest.of(engineContent(documents().get(3).toTextSegment()))).vector();
        float[] textOnly = embeddingModel.embedder().embed(EmbedRequest.of(MultimodalContent.text("a picture"))).vector();
        Embedding stored = store.search(dev.langchain4j.store.embedding.EmbeddingSearchRequest.builder()
                        .queryEmbedding(Embedding.from(imageDoc)).maxResults(1).build())
                .matches().get(0).embedding();
        assertThat(stored.vector()).containsExactly(imageDoc, offset(1e-6f));
        assertThat(imageDoc).isNotEqualTo(textOnly);

        ReRankingContentAggregator aggregator = ReRankingContentAggregator.builder()
                .scoringModel(scoringModel)
                .maxResults(4)
                .build();
        Map<Query, Collection<List<Content>>> byQuery = Map.of(Query.from(QUERY), List.of(retrieved));
        List<Content> reranked = aggregator.aggregate(byQuery);
        assertThat(reranked).hasSize(4);

        double previous = Double.MAX_VALUE;
        for (Content c : reranked) {
            ScoreResult direct = scoringModel.reranker().score(MultimodalContent.text(QUERY),
                    engineContent(c.textSegment()), null);
            double score = (Double) c.metadata().get(ContentMetadata.RERANKED_SCORE);
            assertThat(score).isCloseTo(direct.score(), offset(1e-6));
            assertThat(score).isLessThanOrEqualTo(previous);
            previous = score;
        }
    }
}
