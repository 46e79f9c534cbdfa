package dev.qwen3vl.demo.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.demo.security.ApiKeys.Need;
import dev.qwen3vl.demo.security.ApiKeys.Outcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may call what, for each configuration of keys. */
class ApiKeysTest {

    @Test
    void without_keys_everything_is_open() {
        ApiKeys keys = new ApiKeys(List.of(), List.of(), false);
        assertThat(keys.configured()).isFalse();
        assertThat(keys.need(true)).isEqualTo(Need.NOTHING);
        assertThat(keys.check(keys.need(true), Optional.empty())).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void with_keys_writes_need_an_editor_and_reads_stay_open_unless_protected() {
        ApiKeys keys = new ApiKeys(List.of("ed1", " ed2 "), List.of("rd"), false);
        assertThat(keys.need(false)).isEqualTo(Need.NOTHING);
        assertThat(keys.check(Need.EDITOR, Optional.empty())).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(keys.check(Need.EDITOR, Optional.of("wrong"))).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(keys.check(Need.EDITOR, Optional.of("ed"))).as("a prefix of a key").isEqualTo(
                Outcome.UNAUTHENTICATED);
        assertThat(keys.check(Need.EDITOR, Optional.of("rd"))).isEqualTo(Outcome.FORBIDDEN);
        assertThat(keys.check(Need.EDITOR, Optional.of("ed2"))).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void protected_reads_take_reader_and_editor_keys() {
        ApiKeys keys = new ApiKeys(List.of("ed"), List.of("rd"), true);
        assertThat(keys.need(false)).isEqualTo(Need.READER);
        assertThat(keys.check(Need.READER, Optional.empty())).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(keys.check(Need.READER, Optional.of("rd"))).isEqualTo(Outcome.ALLOWED);
        assertThat(keys.check(Need.READER, Optional.of("ed"))).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void protecting_reads_without_keys_is_a_configuration_error() {
        assertThatThrownBy(() -> new ApiKeys(List.of(), List.of(" "), true))
                .hasMessageContaining("demo.security.protect-reads");
    }
}
