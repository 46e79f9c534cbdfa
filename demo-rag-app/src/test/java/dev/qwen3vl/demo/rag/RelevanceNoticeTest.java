package dev.qwen3vl.demo.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelevanceNoticeTest {

    @Test
    void should_warn_when_the_best_passage_scores_below_the_threshold_and_only_then() {
        assertThat(Retriever.notice(List.of(passage(0.31), passage(0.2)), 0.5)).isEqualTo("Nothing relevant found:"
                + " the best passage scores 0.310, below 0.50 (demo.retrieval.min-rerank-score). The answer may not"
                + " be supported by the documents.");
        assertThat(Retriever.notice(List.of(passage(0.5)), 0.5)).isNull();
        assertThat(Retriever.notice(List.of(passage(0.93), passage(0.1)), 0.5)).isNull();
        assertThat(Retriever.notice(List.of(), 0.5)).isEqualTo("Nothing found: no document is ingested yet.");
    }

    private static Passage passage(double rerankScore) {
        return new Passage("id", "guide.md", null, "markdown", null, null, 1, 0.7, rerankScore, "text");
    }
}
