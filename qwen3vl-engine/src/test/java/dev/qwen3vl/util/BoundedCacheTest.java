package dev.qwen3vl.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Least recently used values leave first; the byte bound always holds; counts follow the lookups. */
class BoundedCacheTest {

    private final List<String> removed = new ArrayList<>();
    private final BoundedCache<String, String> cache = new BoundedCache<>(10, String::length, removed::add);

    @Test
    void evicts_the_least_recently_used_values_to_stay_within_the_bound() {
        assertThat(cache.put("a", "aaaa")).isTrue();
        assertThat(cache.put("b", "bbbb")).isTrue();
        assertThat(cache.get("a")).isEqualTo("aaaa"); // b is now the least recently used
        assertThat(cache.put("c", "cccc")).isTrue();

        assertThat(removed).containsExactly("bbbb");
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("c")).isEqualTo("cccc");
        assertThat(cache.stats()).isEqualTo(new BoundedCache.Stats(2, 1, 1, 2, 8, 10));
    }

    @Test
    void a_value_larger_than_the_bound_is_not_stored_and_nothing_is_evicted_for_it() {
        cache.put("a", "aaaa");
        assertThat(cache.put("big", "x".repeat(11))).isFalse();
        assertThat(removed).isEmpty();
        assertThat(cache.stats().entries()).isEqualTo(1);
        assertThat(cache.stats().bytes()).isEqualTo(4);
    }

    @Test
    void replacing_a_key_hands_the_old_value_over_and_counts_its_bytes_once() {
        cache.put("a", "aaaa");
        cache.put("a", "AAAAAA");
        assertThat(removed).containsExactly("aaaa");
        assertThat(cache.stats().bytes()).isEqualTo(6);
        assertThat(cache.stats().evictions()).isZero();
    }

    @Test
    void clear_hands_every_value_over_and_keeps_the_counts() {
        cache.put("a", "aa");
        cache.put("b", "bb");
        cache.get("a");
        cache.clear();
        assertThat(removed).containsExactlyInAnyOrder("aa", "bb");
        assertThat(cache.stats()).isEqualTo(new BoundedCache.Stats(1, 0, 0, 0, 0, 10));
    }

    @Test
    void a_cache_bounded_by_zero_bytes_stores_nothing() {
        BoundedCache<String, String> off = new BoundedCache<>(0, String::length, removed::add);
        assertThat(off.enabled()).isFalse();
        assertThat(off.put("a", "a")).isFalse();
        assertThat(off.get("a")).isNull();
    }
}
