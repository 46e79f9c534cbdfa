package dev.qwen3vl.spark;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Where a task's rows go. Failures here are the task's: Spark retries it. */
interface RowSink {

    /**
     * @param ids row keys
     * @return those already stored, which are not embedded again
     */
    Set<String> present(Collection<String> ids);

    /**
     * Stores rows, all or none; a row whose key is already stored is left as it is.
     *
     * @param rows the rows
     * @return how many were new
     */
    int write(List<EmbeddedRow> rows);
}
