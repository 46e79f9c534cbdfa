package dev.qwen3vl.pgvector;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses rankings of the same rows by reciprocal rank: a row at rank r (from 1) in a ranking earns {@code 1 / (k + r)},
 * and its fused score is the sum over the rankings, divided by the most any row can earn ({@code n / (k + 1)} for n
 * rankings) so that it lies in [0, 1]: 1 for a row first in every ranking. Ties go to the row with the better best
 * rank, then to the smaller id.
 */
final class ReciprocalRankFusion {

    /** The usual constant, from Cormack, Clarke and Büttcher (2009). */
    static final int DEFAULT_K = 60;

    private ReciprocalRankFusion() {
    }

    /**
     * @param rankings   rankings of matches, best first; their scores are ignored
     * @param k          the constant k, at least 1
     * @param maxResults how many fused matches to return at most
     * @return the fused matches, best first, with the fused score
     */
    static List<EmbeddingMatch<TextSegment>> fuse(List<List<EmbeddingMatch<TextSegment>>> rankings, int k,
                                                  int maxResults) {
        record Fused(EmbeddingMatch<TextSegment> match, double score, int bestRank) {
        }
        Map<String, Fused> byId = new LinkedHashMap<>();
        for (List<EmbeddingMatch<TextSegment>> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                EmbeddingMatch<TextSegment> match = ranking.get(i);
                int rank = i + 1;
                byId.merge(match.embeddingId(), new Fused(match, 1.0 / (k + rank), rank),
                        (a, b) -> new Fused(a.match(), a.score() + b.score(), Math.min(a.bestRank(), b.bestRank())));
            }
        }
        double best = rankings.size() / (double) (k + 1);
        List<Fused> fused = new ArrayList<>(byId.values());
        fused.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparingInt(Fused::bestRank)
                .thenComparing(f -> f.match().embeddingId()));
        List<EmbeddingMatch<TextSegment>> out = new ArrayList<>(Math.min(maxResults, fused.size()));
        for (Fused f : fused.subList(0, Math.min(maxResults, fused.size()))) {
            out.add(new EmbeddingMatch<>(Math.min(1.0, f.score() / best), f.match().embeddingId(),
                    f.match().embedding(), f.match().embedded()));
        }
        return out;
    }
}
