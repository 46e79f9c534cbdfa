package dev.qwen3vl.demo.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rerank budget takes leading candidates until the candidate or token bound would be passed. */
class RerankBudgetTest {

    private static final List<Integer> TOKENS = List.of(5000, 8000, 3000, 900, 100);

    @Test
    void takes_candidates_while_their_tokens_fit() {
        assertThat(new RerankBudget(10, 16384).count(TOKENS)).isEqualTo(3); // 16000, then 16900 > 16384
        assertThat(new RerankBudget(10, 13000).count(TOKENS)).isEqualTo(2);
    }

    @Test
    void stops_at_the_candidate_bound_and_considers_only_the_candidates_within_it() {
        assertThat(new RerankBudget(2, 100_000).count(TOKENS)).isEqualTo(2);
        assertThat(new RerankBudget(2, 100_000).considered(TOKENS)).containsExactly(5000, 8000);
        assertThat(new RerankBudget(10, 100_000).considered(TOKENS)).isEqualTo(TOKENS);
    }

    @Test
    void always_reranks_the_first_candidate_even_over_the_token_budget() {
        assertThat(new RerankBudget(10, 1000).count(TOKENS)).isEqualTo(1);
    }

    @Test
    void zero_tokens_means_no_token_bound() {
        assertThat(new RerankBudget(4, 0).count(List.of(100_000, 100_000, 100_000, 100_000, 1))).isEqualTo(4);
        assertThat(new RerankBudget(4, 0).count(List.of())).isZero();
    }

    @Test
    void bad_bounds_name_the_property() {
        assertThatThrownBy(() -> new RerankBudget(0, 10)).hasMessageContaining("rerank-max-candidates")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> new RerankBudget(1, -1)).hasMessageContaining("rerank-max-tokens");
    }
}
