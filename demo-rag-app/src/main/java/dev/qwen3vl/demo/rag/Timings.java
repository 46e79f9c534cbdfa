package dev.qwen3vl.demo.rag;

/**
 * Where the time of a request went, in milliseconds.
 *
 * @param embedMs    embedding the query
 * @param searchMs   the pgvector search
 * @param rerankMs   scoring the candidates with the reranker
 * @param generateMs writing the answer with the chat model (0 for extractive answers)
 */
public record Timings(double embedMs, double searchMs, double rerankMs, double generateMs) {

    /**
     * @param generateMs time of the generation
     * @return these timings with the generation time set
     */
    public Timings withGenerate(double generateMs) {
        return new Timings(embedMs, searchMs, rerankMs, generateMs);
    }

    /**
     * @param nanos a duration in nanoseconds
     * @return it in milliseconds, rounded to 0.1 ms
     */
    static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }
}
