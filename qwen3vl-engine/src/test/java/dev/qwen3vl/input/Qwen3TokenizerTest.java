package dev.qwen3vl.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Qwen3TokenizerTest {

    static Qwen3Tokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = Qwen3Tokenizer.load(Fixtures.model());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void should_match_special_tokens_inside_text() {
        assertThat(tokenizer.encode("Hello world <|im_start|>user\n"))
                .containsExactly(9707, 1879, 220, 151644, 872, 198);
    }

    @Test
    void should_encode_every_golden_tokenizer_string() {
        for (JsonNode c : Fixtures.golden().path("tokenizer")) {
            assertThat(tokenizer.encode(c.path("text").asText()))
                    .as(c.path("text").asText())
                    .containsExactly(Fixtures.longs(c.path("ids")));
        }
    }

    @Test
    void should_know_the_special_ids_of_the_golden_file() {
        JsonNode ids = Fixtures.golden().path("token_ids");
        assertThat(tokenizer.tokenId("<|im_start|>")).isEqualTo(ids.path("im_start").asLong());
        assertThat(tokenizer.tokenId("<|endoftext|>")).isEqualTo(ids.path("endoftext").asLong());
        assertThat(tokenizer.tokenId("<|image_pad|>")).isEqualTo(ids.path("image_pad").asLong());
        assertThat(tokenizer.tokenId("yes")).isEqualTo(ids.path("yes").asLong());
        assertThat(tokenizer.tokenId("no")).isEqualTo(ids.path("no").asLong());
    }

    @Test
    void should_not_truncate_long_text() {
        String text = "word ".repeat(3000);
        assertThat(tokenizer.encode(text).length).isGreaterThan(2999);
    }

    @Test
    void fixture_tokenizer_post_processor_appends_nothing() {
        assertThat(tokenizer.prefix()).isEmpty();
        assertThat(tokenizer.suffix()).isEmpty();
    }
}
