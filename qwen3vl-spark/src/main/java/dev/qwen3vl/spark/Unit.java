package dev.qwen3vl.spark;

import dev.qwen3vl.inference.MultimodalContent;
import java.util.function.Supplier;

/**
 * What becomes one row: a chunk of a text, a page of a PDF, an image or a video. Its content is built only when it
 * is embedded (a PDF page is rendered then), so that rows already stored cost nothing.
 *
 * @param locator where the row is in its source, part of the row key: {@code chunk=N}, {@code page=N} or
 *                {@code whole}
 * @param index   the row's position in its source, from 0
 * @param page    the PDF page, from 1, or {@code null}
 * @param content builds the text stored with the row and the content embedded
 */
record Unit(String locator, int index, Integer page, Supplier<Unit.Content> content) {

    /**
     * @param text     the text stored with the row (it is also part of what is embedded)
     * @param embedded what the model embeds
     */
    record Content(String text, MultimodalContent embedded) {
    }
}
