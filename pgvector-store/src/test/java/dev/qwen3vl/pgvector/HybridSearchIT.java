package dev.qwen3vl.pgvector;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hybrid search on real sentence embeddings (all-MiniLM-L6-v2): an exact code or name that the embeddings do not
 * capture is found through the full-text ranking, and a request without query text is exactly a vector search.
 */
class HybridSearchIT {

    private static final String TABLE = "it_hybrid";
    private static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
    /**
     * Results asked for: each ranking of a hybrid search then takes twice as many, every row of the table, so that
     * the exact match is in both rankings.
     */
    private static final int HALF = 8;
    private static final String TARGET = "Skerrow Light, spring inspection: the keeper noted salt damage on the gallery"
            + " rail, repainted the lantern room and fitted a new burner, catalogue number KX-7734, after the old one"
            + " cracked in the March gales.";
    private static final String KEEPER = "The 1962 log of Skerrow Light, kept by Ailsa Dunmore, records seventeen"
            + " storms, two shipwrecks and the arrival of the first electric lamp.";
    /** Passages that contain none of the query words of the tests. */
    private static final List<String> UNRELATED = List.of(
            "Kelp glass is made from seaweed ash and sand in the island's old kilns.",
            "The Lantern Tide festival fills the harbour with floating lights every October.");
    private static final List<String> PASSAGES = List.of(
            "The morning ferry from Port Verrow to Saltmere leaves at 06:40 and the crossing takes fifty minutes.",
            "Return tickets for the Saltmere ferry cost 14 pounds for adults and 7 pounds for children.",
            "In winter the ferry timetable is reduced to three crossings a day.",
            "Ferry tickets can be bought on board or at the harbour office.",
            "On Sundays the first ferry leaves Port Verrow at 09:15.",
            "Bicycles travel free on every ferry; cars need a vehicle ticket.",
            TARGET,
            "Burner KX7743 fits the Saltmere lantern.",
            "Spare burner KX7744 is kept in the store room.",
            "Order KX7735 for lens cloths was cancelled.",
            KEEPER,
            "Keeper Alisa Dunmoor.",
            "Keeper Elsa Dunmere.",
            UNRELATED.get(0),
            UNRELATED.get(1));

    private static PgHalfvecEmbeddingStore hybrid;
    private static PgHalfvecEmbeddingStore vectorOnly;

    @BeforeAll
    static void fillTheTable() {
        TestDatabase.execute("DROP TABLE IF EXISTS " + TABLE, "DROP TABLE IF EXISTS " + TABLE + "_model");
        hybrid = store(SearchMode.HYBRID);
        vectorOnly = store(SearchMode.VECTOR);
        List<TextSegment> segments = PASSAGES.stream()
                .map(p -> TextSegment.from(p, new Metadata().put("topic", p.contains("ferry") ? "ferry" : "island")))
                .toList();
        hybrid.addAll(MODEL.embedAll(segments).content(), segments);
    }

    @Test
    void should_find_an_exact_code_that_vector_search_misses() {
        String query = "KX-7734";

        List<String> vector = texts(vectorOnly.search(request(query, HALF)).matches());
        List<String> fused = texts(hybrid.search(request(query, HALF)).matches());

        assertThat(vector.subList(0, 3)).doesNotContain(TARGET);
        assertThat(fused).first().isEqualTo(TARGET);
        assertThat(hybrid.search(request(query, HALF)).matches().get(0).score()).isBetween(0.5, 1.0);
    }

    @Test
    void should_find_a_name_that_vector_search_misses_and_honour_the_filter() {
        String query = "Who is Ailsa Dunmore?";

        assertThat(texts(vectorOnly.search(request(query, HALF)).matches()).subList(0, 2)).doesNotContain(KEEPER);
        assertThat(texts(hybrid.search(request(query, HALF)).matches())).first().isEqualTo(KEEPER);
        assertThat(texts(hybrid.search(EmbeddingSearchRequest.builder().query(query)
                .queryEmbedding(MODEL.embed(query).content()).maxResults(2)
                .filter(metadataKey("topic").isEqualTo("ferry")).build()).matches()))
                .hasSize(2).allSatisfy(text -> assertThat(text).contains("ferry"));
    }

    @Test
    void should_rank_rare_words_above_common_ones_in_the_full_text_ranking() throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            TableLayout layout = TableLayout.of(TABLE, 384, VectorStorage.HALFVEC, null, null)
                    .withTextSearch("english");

            List<EmbeddingMatch<TextSegment>> ranked = TextRanking.rank(connection, layout,
                    "Which ferry ticket has the code KX-7734?", null, 20);

            // "kx" and "-7734" are in one row, "ferry" in six, "ticket" in three
            assertThat(texts(ranked)).first().isEqualTo(TARGET);
            assertThat(texts(ranked)).hasSize(7).doesNotContainAnyElementsOf(UNRELATED).doesNotContain(KEEPER);
            assertThat(TextRanking.rank(connection, layout, "the and of", null, 20)).isEmpty();
        }
    }

    @Test
    void should_search_by_vector_alone_without_query_text() {
        Embedding query = MODEL.embed("When does the first ferry leave?").content();
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(5).build();

        List<EmbeddingMatch<TextSegment>> fromHybrid = hybrid.search(request).matches();
        List<EmbeddingMatch<TextSegment>> fromVector = vectorOnly.search(request).matches();
        List<EmbeddingMatch<TextSegment>> withQueryOnVectorStore = vectorOnly.search(
                EmbeddingSearchRequest.builder().query("KX-7734").queryEmbedding(query).maxResults(5).build())
                .matches();

        assertThat(fromHybrid).extracting(EmbeddingMatch::embeddingId)
                .containsExactlyElementsOf(fromVector.stream().map(EmbeddingMatch::embeddingId).toList())
                .containsExactlyElementsOf(withQueryOnVectorStore.stream().map(EmbeddingMatch::embeddingId).toList());
        assertThat(fromHybrid).extracting(EmbeddingMatch::score)
                .containsExactlyElementsOf(fromVector.stream().map(EmbeddingMatch::score).toList());
        assertThat(hybrid.explainSearch(request)).isEqualTo(vectorOnly.explainSearch(request));
    }

    @Test
    void should_refuse_a_text_search_configuration_that_differs_from_the_column() {
        assertThatThrownBy(() -> PgHalfvecEmbeddingStore.builder().dataSource(TestDatabase.dataSource()).table(TABLE)
                .dimension(384).searchMode(SearchMode.HYBRID).textSearchConfig("simple").build())
                .isInstanceOf(PgHalfvecStoreException.class)
                .hasMessageContaining("'english'::regconfig")
                .hasMessageContaining("configured with the text search configuration 'simple'")
                .hasMessageContaining("DROP COLUMN text_search");
        assertThatThrownBy(() -> PgHalfvecEmbeddingStore.builder().dataSource(TestDatabase.dataSource()).table(TABLE)
                .dimension(384).searchMode(SearchMode.HYBRID).textSearchConfig("english'; --").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("textSearchConfig");
    }

    private static EmbeddingSearchRequest request(String query, int maxResults) {
        return EmbeddingSearchRequest.builder().query(query).queryEmbedding(MODEL.embed(query).content())
                .maxResults(maxResults).build();
    }

    private static List<String> texts(List<EmbeddingMatch<TextSegment>> matches) {
        return matches.stream().map(m -> m.embedded().text()).toList();
    }

    private static PgHalfvecEmbeddingStore store(SearchMode mode) {
        return PgHalfvecEmbeddingStore.builder()
                .dataSource(TestDatabase.dataSource())
                .table(TABLE)
                .dimension(384)
                .searchMode(mode)
                .textSearchConfig("english")
                .build();
    }
}
