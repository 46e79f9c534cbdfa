package dev.qwen3vl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing the dtype names, and what {@code auto} chooses on which hardware. */
class ComputeTypeTest {

    private static final CpuFeatures ICE_LAKE = new CpuFeatures("Intel Xeon (Ice Lake)",
            Set.of("avx2", "fma", "avx512f", "avx512_vnni"));
    private static final CpuFeatures ZEN4 = new CpuFeatures("AMD EPYC (Zen 4)",
            Set.of("avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16"));
    private static final CpuFeatures SAPPHIRE_RAPIDS = new CpuFeatures("Intel Xeon (Sapphire Rapids)",
            Set.of("avx2", "avx512f", "amx_bf16", "amx_int8", "amx_tile"));

    @Test
    void every_spelling_parses_case_insensitively() {
        assertThat(ComputeType.parse("float32")).isEqualTo(ComputeType.FLOAT32);
        assertThat(ComputeType.parse("FP32")).isEqualTo(ComputeType.FLOAT32);
        assertThat(ComputeType.parse(" bfloat16 ")).isEqualTo(ComputeType.BFLOAT16);
        assertThat(ComputeType.parse("bf16")).isEqualTo(ComputeType.BFLOAT16);
        assertThat(ComputeType.parse("float16")).isEqualTo(ComputeType.FLOAT16);
        assertThat(ComputeType.parse("fp16")).isEqualTo(ComputeType.FLOAT16);
        assertThat(ComputeType.parse("Auto")).isEqualTo(ComputeType.AUTO);
    }

    @Test
    void an_unknown_name_is_refused_listing_the_accepted_ones() {
        assertThatThrownBy(() -> ComputeType.parse("int4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'int4'").hasMessageContaining("bfloat16 (bf16)").hasMessageContaining("auto");
    }

    @Test
    void auto_on_a_cpu_without_avx512_bf16_or_amx_is_float32_and_says_why() {
        ComputeType.Resolved r = ComputeType.AUTO.resolve(false, ICE_LAKE);
        assertThat(r.type()).isEqualTo(ComputeType.FLOAT32);
        assertThat(r.reason()).contains("neither avx512_bf16 nor AMX").contains("Ice Lake");
    }

    @Test
    void auto_is_bfloat16_with_avx512_bf16_amx_or_cuda() {
        assertThat(ComputeType.AUTO.resolve(false, ZEN4).type()).isEqualTo(ComputeType.BFLOAT16);
        assertThat(ComputeType.AUTO.resolve(false, ZEN4).reason()).contains("avx512_bf16");
        assertThat(ComputeType.AUTO.resolve(false, SAPPHIRE_RAPIDS).reason()).contains("AMX");
        assertThat(ComputeType.AUTO.resolve(true, ICE_LAKE).type()).isEqualTo(ComputeType.BFLOAT16);
    }

    @Test
    void float16_is_refused_on_the_cpu_naming_the_reason_and_allowed_on_cuda() {
        assertThatThrownBy(() -> ComputeType.FLOAT16.resolve(false, ZEN4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CUDA devices only").hasMessageContaining("no fast float16 arithmetic");
        assertThat(ComputeType.FLOAT16.resolve(true, ICE_LAKE).type()).isEqualTo(ComputeType.FLOAT16);
    }

    @Test
    void explicit_types_are_kept() {
        assertThat(ComputeType.BFLOAT16.resolve(false, ICE_LAKE).type()).isEqualTo(ComputeType.BFLOAT16);
        assertThat(ComputeType.FLOAT32.resolve(true, ZEN4).type()).isEqualTo(ComputeType.FLOAT32);
    }
}
