package dev.qwen3vl.spark;

/**
 * One embedded row, ready for an output.
 *
 * @param id       its content-hash key ({@link RowKeys})
 * @param vector   the embedding, L2-normalised
 * @param text     the text embedded with it
 * @param metadata its metadata as a JSON object ({@link RowMetadata})
 * @param tokens   the tokens of its input, visual ones included
 * @param ref      the source it comes from
 */
record EmbeddedRow(String id, float[] vector, String text, String metadata, int tokens, SourceRef ref) {
}
