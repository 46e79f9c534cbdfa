package dev.qwen3vl.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SequenceEncoderTest {

    @Test
    void reranker_truncation_keeps_specials_and_the_first_other_tokens_then_the_tail() {
        Set<Long> specials = Set.of(100L, 101L);
        // body: 100 1 2 101 3 4 5 100 6 | tail: 7 8 9 10 11
        long[] ids = {100, 1, 2, 101, 3, 4, 5, 100, 6, 7, 8, 9, 10, 11};
        // max 6 with 3 specials in the body: keep the first 3 non-special ids (1, 2, 3)
        assertThat(SequenceEncoder.truncateKeepingSpecials(ids, 6, specials))
                .containsExactly(100, 1, 2, 101, 3, 100, 7, 8, 9, 10, 11);
    }

    @Test
    void reranker_truncation_can_drop_all_text_when_specials_fill_the_budget() {
        Set<Long> specials = Set.of(100L);
        long[] ids = {100, 100, 1, 2, 3, 7, 8, 9, 10, 11};
        assertThat(SequenceEncoder.truncateKeepingSpecials(ids, 2, specials))
                .containsExactly(100, 100, 7, 8, 9, 10, 11);
    }

    @Test
    void embedding_instruction_is_normalised_like_the_reference() {
        assertThat(PromptBuilder.normaliseInstruction(null)).isEqualTo("Represent the user's input.");
        assertThat(PromptBuilder.normaliseInstruction("  \u00a0 ")).isEqualTo("Represent the user's input.");
        assertThat(PromptBuilder.normaliseInstruction("  Find it ")).isEqualTo("Find it.");
        assertThat(PromptBuilder.normaliseInstruction("Find it?")).isEqualTo("Find it?");
        assertThat(PromptBuilder.normaliseInstruction("Trouvez-les »")).isEqualTo("Trouvez-les »");
    }
}
