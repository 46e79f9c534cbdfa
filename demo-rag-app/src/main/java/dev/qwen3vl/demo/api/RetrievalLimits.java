package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.pgvector.SearchMode;

/** Checks the top-k and top-n of a request against the configured limits, with the defaults for absent values. */
final class RetrievalLimits {

    /**
     * The checked values.
     *
     * @param topK candidates
     * @param topN passages
     */
    record TopKN(int topK, int topN) {
    }

    /** Longest question or message accepted, in characters. */
    static final int MAX_TEXT_CHARS = 8000;

    private RetrievalLimits() {
    }

    /**
     * @param config defaults and limits
     * @param topK   requested top-k or null
     * @param topN   requested top-n or null
     * @return the values to use
     * @throws ApiException 400 if a value is out of range
     */
    static TopKN check(DemoConfig config, Integer topK, Integer topN) {
        DemoConfig.Retrieval r = config.retrieval();
        int k = topK == null ? r.topK() : topK;
        if (k < 1 || k > r.maxTopK()) {
            throw ApiException.badRequest("'topK' must be between 1 and " + r.maxTopK() + ", got " + k);
        }
        int n = topN == null ? Math.min(r.topN(), k) : topN;
        if (n < 1 || n > k) {
            throw ApiException.badRequest("'topN' must be between 1 and topK (" + k + "), got " + n);
        }
        return new TopKN(k, n);
    }

    /**
     * @param config the default search mode
     * @param hybrid whether the request asks for hybrid search, or null for the default
     * @return whether to search hybrid
     * @throws ApiException 400 if hybrid search is asked of a store in vector mode
     */
    static boolean hybrid(DemoConfig config, Boolean hybrid) {
        boolean storeIsHybrid = config.store().searchMode() == SearchMode.HYBRID;
        if (Boolean.TRUE.equals(hybrid) && !storeIsHybrid) {
            throw ApiException.badRequest("'hybrid' search needs demo.store.search-mode=hybrid (the store has no"
                    + " full-text column in vector mode)");
        }
        return hybrid == null ? storeIsHybrid : hybrid;
    }

    /**
     * @param name  the field name
     * @param value its value
     * @return the value
     * @throws ApiException 400 if it is null, blank or longer than {@link #MAX_TEXT_CHARS}
     */
    static String requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("'" + name + "' must not be empty");
        }
        if (value.length() > MAX_TEXT_CHARS) {
            throw ApiException.badRequest("'" + name + "' has " + value.length() + " characters; at most "
                    + MAX_TEXT_CHARS + " are accepted");
        }
        return value;
    }
}
