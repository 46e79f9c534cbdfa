package dev.qwen3vl.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into chunks of at most a given number of characters: paragraphs (separated by blank lines) are packed
 * together while they fit; a paragraph longer than a chunk is cut at the last whitespace before the limit (or at the
 * limit when there is none). No overlap, no sentence detection: simple and deterministic, so that the same text always
 * gives the same chunks and so the same row keys.
 */
final class TextChunker {

    private TextChunker() {
    }

    /**
     * @param text     the text
     * @param maxChars the most characters of a chunk
     * @return the chunks, stripped, none blank; empty for a blank text
     */
    static List<String> chunks(String text, int maxChars) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            String p = paragraph.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (current.length() > 0 && current.length() + 2 + p.length() > maxChars) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            while (p.length() > maxChars) {
                int cut = Math.max(p.lastIndexOf(' ', maxChars), p.lastIndexOf('\n', maxChars));
                cut = cut <= 0 ? maxChars : cut;
                chunks.add(p.substring(0, cut).strip());
                p = p.substring(cut).strip();
            }
            if (!p.isEmpty()) {
                current.append(current.length() > 0 ? "\n\n" : "").append(p);
            }
        }
        if (current.length() > 0) {
            chunks.add(current.toString());
        }
        return chunks;
    }
}
