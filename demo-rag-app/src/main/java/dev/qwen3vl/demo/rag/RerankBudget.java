package dev.qwen3vl.demo.rag;

import java.util.List;

/**
 * How many of a request's candidates, taken in vector order, the reranker scores: at most {@code maxCandidates},
 * and no more tokens in all than {@code maxTokens} (0: no token budget). The first candidate is always scored, so
 * that a request never goes without reranking.
 */
final class RerankBudget {

    private final int maxCandidates;
    private final int maxTokens;

    /**
     * @param maxCandidates most candidates scored, at least 1 ({@code demo.retrieval.rerank-max-candidates})
     * @param maxTokens     most tokens scored, or 0 for no bound ({@code demo.retrieval.rerank-max-tokens})
     */
    RerankBudget(int maxCandidates, int maxTokens) {
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("demo.retrieval.rerank-max-candidates must be at least 1, got "
                    + maxCandidates);
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("demo.retrieval.rerank-max-tokens must be 0 (no bound) or positive, got "
                    + maxTokens);
        }
        this.maxCandidates = maxCandidates;
        this.maxTokens = maxTokens;
    }

    /**
     * @param candidates the candidates in vector order
     * @param <T>        the candidate type
     * @return the leading candidates within the candidate bound: those whose tokens are worth counting
     */
    <T> List<T> considered(List<T> candidates) {
        return candidates.subList(0, Math.min(candidates.size(), maxCandidates));
    }

    /**
     * @param tokens the tokens of scoring each candidate, in vector order
     * @return how many leading candidates to rerank
     */
    int count(List<Integer> tokens) {
        int n = Math.min(tokens.size(), maxCandidates);
        if (maxTokens == 0) {
            return n;
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            int t = tokens.get(i);
            if (i > 0 && total + t > maxTokens) {
                return i;
            }
            total += t;
        }
        return n;
    }
}
