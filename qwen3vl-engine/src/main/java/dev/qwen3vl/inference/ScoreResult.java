package dev.qwen3vl.inference;

/**
 * One reranker score.
 *
 * @param score relevance in [0, 1]: sigmoid(logit)
 * @param logit logit("yes") − logit("no") at the last token
 * @param tokenCount tokens of the query–document prompt
 */
public record ScoreResult(double score, double logit, int tokenCount) {}
