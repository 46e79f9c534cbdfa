package dev.qwen3vl.util;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used cache bounded by the bytes its values hold, with hit, miss and eviction counts.
 * Thread-safe: every method holds the cache's monitor, so {@code onRemove} runs under it too and must not call
 * back into the cache.
 *
 * <p>A value larger than the whole bound is not stored ({@link #put} returns false and the caller keeps it). A
 * value that leaves the cache (evicted, replaced or cleared) is handed to {@code onRemove}, e.g. to free its
 * native memory.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class BoundedCache<K, V> {

    private final long maxBytes;
    private final ToLongFunction<V> weigher;
    private final Consumer<V> onRemove;
    private final LinkedHashMap<K, Sized<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long evictions;

    /**
     * @param maxBytes most bytes held by all values together; 0 disables the cache (nothing is stored)
     * @param weigher the bytes a value holds
     * @param onRemove sees every value that leaves the cache
     */
    public BoundedCache(long maxBytes, ToLongFunction<V> weigher, Consumer<V> onRemove) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be 0 (off) or positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.weigher = Objects.requireNonNull(weigher, "weigher");
        this.onRemove = Objects.requireNonNull(onRemove, "onRemove");
    }

    /** Whether the cache can hold anything (a bound above 0). */
    public boolean enabled() {
        return maxBytes > 0;
    }

    /** The value of {@code key} (now the most recently used), or null; counts a hit or a miss. */
    public synchronized V get(K key) {
        Sized<V> e = entries.get(key);
        if (e == null) {
            misses++;
            return null;
        }
        hits++;
        return e.value();
    }

    /**
     * Stores {@code value} under {@code key}, evicting least recently used values until the bound holds.
     *
     * @return false, storing nothing, when the value alone is larger than the bound (or the cache is off)
     */
    public synchronized boolean put(K key, V value) {
        long size = weigher.applyAsLong(value);
        if (size < 0) {
            throw new IllegalArgumentException("A value cannot weigh " + size + " bytes");
        }
        if (size > maxBytes) {
            return false;
        }
        Sized<V> old = entries.remove(key);
        List<V> removed = new ArrayList<>();
        if (old != null) {
            bytes -= old.bytes();
            removed.add(old.value());
        }
        Iterator<Map.Entry<K, Sized<V>>> lru = entries.entrySet().iterator();
        while (bytes + size > maxBytes && lru.hasNext()) {
            Sized<V> victim = lru.next().getValue();
            lru.remove();
            bytes -= victim.bytes();
            evictions++;
            removed.add(victim.value());
        }
        entries.put(key, new Sized<>(value, size));
        bytes += size;
        removed.forEach(onRemove);
        return true;
    }

    /** Removes every value (handing each to {@code onRemove}); the counts stay. */
    public synchronized void clear() {
        List<V> removed = new ArrayList<>();
        entries.values().forEach(e -> removed.add(e.value()));
        entries.clear();
        bytes = 0;
        removed.forEach(onRemove);
    }

    /** The counts and sizes now. */
    public synchronized Stats stats() {
        return new Stats(hits, misses, evictions, entries.size(), bytes, maxBytes);
    }

    /**
     * What a cache holds and how it was used.
     *
     * @param hits lookups that found a value
     * @param misses lookups that found none
     * @param evictions values removed to make room
     * @param entries values held now
     * @param bytes bytes held now
     * @param maxBytes the bound (0: off)
     */
    public record Stats(long hits, long misses, long evictions, int entries, long bytes, long maxBytes) {

        /** Stats of a cache that is off. */
        public static Stats off() {
            return new Stats(0, 0, 0, 0, 0, 0);
        }
    }

    private record Sized<V>(V value, long bytes) {}
}
