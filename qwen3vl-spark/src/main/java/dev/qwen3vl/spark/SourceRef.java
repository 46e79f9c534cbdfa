package dev.qwen3vl.spark;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One source to embed, as listed on the driver: a file (its URI, size and modification time, never its content), a
 * text from a table, or a table's URI with a text that goes with it.
 *
 * @param key      what identifies the source among all others, for de-duplication and for skipping in Parquet output
 * @param source   the name stored with its rows: the file URI, or {@code text:<sha256>} for a text alone
 * @param path     the file URI, or {@code null} for a text alone
 * @param text     the text from the table, or {@code null}
 * @param length   the file size from the listing, or {@code null} when not listed
 * @param modified the file's modification time from the listing, or {@code null}
 */
record SourceRef(String key, String source, String path, String text, Long length, Timestamp modified) {

    /** The columns of the listing, in order. */
    static final List<String> COLUMNS = List.of("key", "source", "path", "text", "length", "modified");

    /**
     * @param row a row of the listing, in {@link #COLUMNS} order
     * @return the source
     */
    static SourceRef of(Row row) {
        return new SourceRef(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                row.isNullAt(4) ? null : row.getLong(4), row.isNullAt(5) ? null : row.getTimestamp(5));
    }

    /** @return the last name of the path, or the source, for captions and messages */
    String name() {
        String name = path != null ? path : source;
        int slash = name.lastIndexOf('/');
        return slash >= 0 && slash < name.length() - 1 ? name.substring(slash + 1) : name;
    }
}
