package dev.qwen3vl.pgvector;

/**
 * The table holds embeddings of another model, dimension or dtype than the store is configured with. Re-index to
 * use the table with the configured model: build the store with {@code clearOnModelChange(true)}, which empties the
 * table and records the configured model, and add every document again.
 */
public class ModelMismatchException extends PgHalfvecStoreException {

    private final transient ModelSignature recorded;
    private final transient ModelSignature configured;

    /**
     * @param table      the table, as the user named it
     * @param recorded   the model the table holds embeddings of
     * @param configured the model the store is configured with
     */
    public ModelMismatchException(String table, ModelSignature recorded, ModelSignature configured) {
        super("Table '" + table + "' holds embeddings of " + recorded + ", but the store is configured for "
                + configured + ": embeddings of different models, dimensions or dtypes cannot be compared. Re-index"
                + " (build the store with clearOnModelChange(true), which empties the table, and add the documents"
                + " again) or use another table.");
        this.recorded = recorded;
        this.configured = configured;
    }

    /** @return the model the table holds embeddings of */
    public ModelSignature recorded() {
        return recorded;
    }

    /** @return the model the store is configured with */
    public ModelSignature configured() {
        return configured;
    }
}
