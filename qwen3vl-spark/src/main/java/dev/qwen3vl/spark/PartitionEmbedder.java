package dev.qwen3vl.spark;

import dev.qwen3vl.inference.EmbedRequest;
import dev.qwen3vl.inference.EmbeddingResult;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds the sources of one partition, on the executor. Sources are opened one by one and gathered into groups of
 * about {@code --batch-size} rows; for each group the sink says which rows it already has, the others are embedded
 * together in forward passes of {@code --batch-size} inputs and written in one go. A source whose rows cannot be
 * embedded (unsupported, too large, corrupt, too long) is recorded as failed and the others go on: when a group fails,
 * its sources are embedded one by one to find the culprit. Failures of the model load or of the sink fail the task,
 * which Spark retries.
 */
final class PartitionEmbedder {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionEmbedder.class);

    /** Most bytes of sources held on local disk by one group (temporary copies of remote files). */
    private static final long MAX_GROUP_BYTES = 512L << 20;

    private final EmbedSettings settings;
    private final Configuration hadoop;
    private final RowSink sink;
    private final JobCounters counters;
    private final RowKeys keys;
    private final List<SourceDocument> group = new ArrayList<>();
    private final long start = System.nanoTime();
    private int groupUnits;
    private long groupBytes;
    private Qwen3VlEmbedder embedder;
    private long sources;
    private long embedded;
    private long skipped;
    private long failed;

    /**
     * @param settings the job's settings
     * @param hadoop   the Hadoop configuration to open files with
     * @param sink     where the rows go
     * @param counters the job's counters
     */
    PartitionEmbedder(EmbedSettings settings, Configuration hadoop, RowSink sink, JobCounters counters) {
        this.settings = settings;
        this.hadoop = hadoop;
        this.sink = sink;
        this.counters = counters;
        this.keys = new RowKeys(settings);
    }

    /**
     * Opens a source and embeds the group it completes.
     *
     * @param ref the source
     */
    void offer(SourceRef ref) {
        sources++;
        counters.files.add(1);
        SourceDocument document;
        try {
            document = SourceDocument.open(ref, settings, hadoop);
        } catch (RuntimeException e) {
            fail(ref, e);
            return;
        }
        counters.bytes.add(document.bytes());
        group.add(document);
        groupUnits += document.units().size();
        groupBytes += document.bytes();
        if (groupUnits >= settings.batchSize() || groupBytes >= MAX_GROUP_BYTES) {
            flush();
        }
    }

    /** Embeds the last group and logs what the partition did. */
    void finish() {
        flush();
        TaskContext task = TaskContext.get();
        LOG.info("Partition {} (attempt {}): {} sources, {} rows embedded, {} rows already stored, {} sources failed, "
                        + "{} s", task == null ? "-" : task.partitionId(), task == null ? "-" : task.attemptNumber(),
                sources, embedded, skipped, failed, (System.nanoTime() - start) / 1_000_000_000);
    }

    /** Deletes what the current group holds on disk, e.g. when the task is killed. */
    void discard() {
        group.forEach(SourceDocument::close);
        group.clear();
    }

    private void flush() {
        if (group.isEmpty()) {
            return;
        }
        try {
            Map<SourceDocument, List<Pending>> pending = new LinkedHashMap<>();
            Map<String, Pending> byId = new LinkedHashMap<>();
            for (SourceDocument document : group) {
                List<Pending> rows = new ArrayList<>();
                for (Unit unit : document.units()) {
                    Pending p = new Pending(document, unit, keys.id(document, unit));
                    rows.add(p);
                    byId.put(p.id, p);
                }
                pending.put(document, rows);
            }
            Set<String> present = sink.present(byId.keySet());
            List<EmbeddedRow> rows = new ArrayList<>();
            List<Pending> todo = new ArrayList<>();
            for (Map.Entry<SourceDocument, List<Pending>> entry : pending.entrySet()) {
                List<Pending> missing = entry.getValue().stream().filter(p -> !present.contains(p.id)).toList();
                if (missing.isEmpty()) {
                    counters.filesSkipped.add(1);
                }
                todo.addAll(missing);
            }
            if (!todo.isEmpty()) {
                rows = embedGroup(model(), todo);
            }
            sink.write(rows);
            long skippedRows = byId.size() - todo.size();
            skipped += skippedRows;
            embedded += rows.size();
            counters.rowsSkipped.add(skippedRows);
            counters.rowsEmbedded.add(rows.size());
            counters.tokens.add(rows.stream().mapToLong(EmbeddedRow::tokens).sum());
        } finally {
            discard();
            groupUnits = 0;
            groupBytes = 0;
        }
    }

    private List<EmbeddedRow> embedGroup(Qwen3VlEmbedder model, List<Pending> todo) {
        try {
            return embed(model, todo);
        } catch (RuntimeException e) {
            LOG.info("A group of {} rows failed ({}); embedding its sources one by one", todo.size(), e.toString());
        }
        Map<SourceDocument, List<Pending>> byDocument = new LinkedHashMap<>();
        todo.forEach(p -> byDocument.computeIfAbsent(p.document, d -> new ArrayList<>()).add(p));
        List<EmbeddedRow> rows = new ArrayList<>();
        for (Map.Entry<SourceDocument, List<Pending>> entry : byDocument.entrySet()) {
            try {
                rows.addAll(embed(model, entry.getValue()));
            } catch (RuntimeException e) {
                fail(entry.getKey().ref(), e);
            }
        }
        return rows;
    }

    private List<EmbeddedRow> embed(Qwen3VlEmbedder model, List<Pending> todo) {
        List<EmbeddedRow> rows = new ArrayList<>(todo.size());
        for (int from = 0; from < todo.size(); from += settings.batchSize()) {
            List<Pending> slice = todo.subList(from, Math.min(todo.size(), from + settings.batchSize()));
            List<Unit.Content> contents = new ArrayList<>(slice.size());
            List<EmbedRequest> requests = new ArrayList<>(slice.size());
            for (Pending p : slice) {
                Unit.Content content = p.unit.content().get();
                contents.add(content);
                requests.add(new EmbedRequest(content.embedded(), settings.instruction(), settings.dimension()));
            }
            List<EmbeddingResult> results = model.embedAll(requests);
            for (int i = 0; i < slice.size(); i++) {
                Pending p = slice.get(i);
                rows.add(new EmbeddedRow(p.id, results.get(i).vector(), contents.get(i).text(),
                        RowMetadata.json(p.document, p.unit), results.get(i).tokenCount(), p.document.ref()));
            }
        }
        return rows;
    }

    private Qwen3VlEmbedder model() {
        if (embedder == null) {
            embedder = ExecutorModels.embedder(settings, TaskDevice.resolve(settings.device()),
                    () -> counters.modelLoads.add(1));
        }
        return embedder;
    }

    private void fail(SourceRef ref, RuntimeException e) {
        FileError error = FileError.of(ref.source(), e);
        failed++;
        counters.filesFailed.add(1);
        counters.errors.add(error);
        LOG.warn("Cannot embed {}: {}", error.source(), error.reason());
    }

    /** A row to be: its source, its unit and its key. */
    private record Pending(SourceDocument document, Unit unit, String id) {
    }
}
