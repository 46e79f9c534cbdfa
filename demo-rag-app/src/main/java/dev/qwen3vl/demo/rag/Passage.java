package dev.qwen3vl.demo.rag;

/**
 * A retrieved chunk with its scores, as cited in answers.
 *
 * @param id             chunk id in the store
 * @param source         file name of its document
 * @param page           PDF page (from 1), or null
 * @param kind           kind of its document: text, markdown, pdf, image or video
 * @param thumbnailUrl   URL of its thumbnail, or null for text chunks
 * @param mediaUrl       URL of its full-size image, rendered page or video, or null
 * @param retrievalRank  its position among the pgvector candidates, from 1
 * @param retrievalScore pgvector's relevance score: (1 + cosine) / 2, or in hybrid search the fused score of the
 *                       vector and full-text rankings
 * @param rerankScore    the reranker's score in [0, 1], or null for a candidate beyond the rerank budget
 * @param text           its text
 */
public record Passage(String id, String source, Integer page, String kind, String thumbnailUrl, String mediaUrl,
                      int retrievalRank, double retrievalScore, Double rerankScore, String text) {
}
