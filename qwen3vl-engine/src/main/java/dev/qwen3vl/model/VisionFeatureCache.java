package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.qwen3vl.input.PixelPatches;
import dev.qwen3vl.util.BoundedCache;
import dev.qwen3vl.util.ContentKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The vision tower's outputs (merged tokens and DeepStack features) per image or video, keyed by a SHA-256 of its
 * preprocessed patches (pixel values and grid), kept in native memory and bounded by bytes. A document's page
 * image or video clip scored against many queries then passes the vision tower once.
 *
 * <p>The arrays live in a manager owned by the cache; an entry's arrays are closed when it is evicted and all of
 * them when the cache is closed. Callers get copies in their own manager, so an eviction never touches a forward
 * pass in flight. Lookup, computation of the missing entries and assembly run under one lock: two threads never
 * compute the same entry twice.
 */
final class VisionFeatureCache implements AutoCloseable {

    private final NDManager manager;
    private final BoundedCache<String, Entry> entries;
    private final ReentrantLock lock = new ReentrantLock();
    // digest per pixel array, by identity (arrays hash by identity): repeated inputs from the runtime's
    // preprocessing cache are the same arrays, so their SHA-256 is computed once
    private final Map<float[], String> keys = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param parent the manager the cache's own manager is created under (the model's weights)
     * @param maxBytes most bytes of features held
     */
    VisionFeatureCache(NDManager parent, long maxBytes) {
        this.manager = parent.newSubManager();
        this.entries = new BoundedCache<>(maxBytes, Entry::bytes, Entry::close);
    }

    /**
     * The vision tower's output for {@code visuals}, in order, taking cached entries and computing the others with
     * {@code compute} (one call for all missing visuals).
     *
     * @param fm the forward pass's manager: the returned arrays belong to it
     * @param compute runs the vision tower over a list of visuals
     * @return merged tokens [Σ tokens, out] and per DeepStack merger [Σ tokens, out]
     */
    VisionEncoder.VisionOutput encode(NDManager fm, List<PixelPatches> visuals, int merge,
            Function<List<PixelPatches>, VisionEncoder.VisionOutput> compute) {
        lock.lock();
        try {
            List<String> order = new ArrayList<>(visuals.size());
            Map<String, Entry> found = new HashMap<>();
            Map<String, PixelPatches> missing = new LinkedHashMap<>();
            for (PixelPatches p : visuals) {
                String key = key(p);
                order.add(key);
                if (found.containsKey(key) || missing.containsKey(key)) {
                    continue;
                }
                Entry e = entries.get(key);
                if (e != null) {
                    found.put(key, e);
                } else {
                    missing.put(key, p);
                }
            }
            Map<String, Entry> computed = computeMissing(missing, merge, compute);
            found.putAll(computed);
            VisionEncoder.VisionOutput out = assemble(fm, order, found);
            for (Map.Entry<String, Entry> e : computed.entrySet()) {
                if (!entries.put(e.getKey(), e.getValue())) {
                    e.getValue().close(); // larger than the whole bound
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Hits, misses, evictions, entries and bytes. */
    BoundedCache.Stats stats() {
        return entries.stats();
    }

    // one vision pass over the missing visuals; each one's rows copied into an entry of the cache's manager
    private Map<String, Entry> computeMissing(Map<String, PixelPatches> missing, int merge,
            Function<List<PixelPatches>, VisionEncoder.VisionOutput> compute) {
        Map<String, Entry> out = new LinkedHashMap<>();
        if (missing.isEmpty()) {
            return out;
        }
        try (VisionEncoder.VisionOutput all = compute.apply(new ArrayList<>(missing.values()))) {
            long start = 0;
            for (Map.Entry<String, PixelPatches> m : missing.entrySet()) {
                long end = start + m.getValue().mergedTokenCount(merge);
                NDArray merged = rowsCopy(all.merged(), start, end); // [tokens, out]
                List<NDArray> deepstack = new ArrayList<>();
                for (NDArray d : all.deepstack()) {
                    deepstack.add(rowsCopy(d, start, end)); // [tokens, out]
                }
                out.put(m.getKey(), new Entry(merged, deepstack));
                start = end;
            }
        }
        return out;
    }

    private NDArray rowsCopy(NDArray all, long start, long end) {
        try (NDArray view = all.get(new NDIndex("{}:{}", start, end))) {
            NDArray copy = view.duplicate();
            copy.attach(manager);
            return copy;
        }
    }

    private static VisionEncoder.VisionOutput assemble(NDManager fm, List<String> order, Map<String, Entry> found) {
        List<NDArray> merged = new ArrayList<>(order.size());
        for (String k : order) {
            merged.add(found.get(k).merged());
        }
        int levels = found.get(order.get(0)).deepstack().size();
        List<NDArray> deepstack = new ArrayList<>(levels);
        for (int level = 0; level < levels; level++) {
            List<NDArray> parts = new ArrayList<>(order.size());
            for (String k : order) {
                parts.add(found.get(k).deepstack().get(level));
            }
            deepstack.add(concatInto(fm, parts));
        }
        return new VisionEncoder.VisionOutput(concatInto(fm, merged), deepstack);
    }

    // a new array of fm holding the parts one after the other along rows
    private static NDArray concatInto(NDManager fm, List<NDArray> parts) {
        NDArray out = parts.size() == 1 ? parts.get(0).duplicate() : NDArrays.concat(new NDList(parts), 0);
        out.attach(fm);
        return out;
    }

    private String key(PixelPatches p) {
        String pixels = keys.computeIfAbsent(p.values(), v -> ContentKeys.hasher("pixel-values").add(v).hex());
        return p.gridT() + "x" + p.gridH() + "x" + p.gridW() + "x" + p.rowSize() + ":" + pixels;
    }

    /** Closes every entry and the cache's manager. */
    @Override
    public void close() {
        lock.lock();
        try {
            entries.clear();
            manager.close();
        } finally {
            lock.unlock();
        }
    }

    /**
     * One visual's features, in the cache's manager.
     *
     * @param merged [tokens, out]
     * @param deepstack per DeepStack merger, [tokens, out]
     */
    private record Entry(NDArray merged, List<NDArray> deepstack) implements AutoCloseable {

        long bytes() {
            long n = merged.size() * merged.getDataType().getNumOfBytes();
            for (NDArray d : deepstack) {
                n += d.size() * d.getDataType().getNumOfBytes();
            }
            return n;
        }

        @Override
        public void close() {
            merged.close();
            deepstack.forEach(NDArray::close);
        }
    }
}
