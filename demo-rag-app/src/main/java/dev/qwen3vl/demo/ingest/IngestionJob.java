package dev.qwen3vl.demo.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * One file's way into the store, observed by the web page and the API. Thread-safe: the ingestion worker updates it,
 * request threads read {@link #view()} snapshots.
 */
public final class IngestionJob {

    /** Where a job is. */
    public enum Status {
        /** Waiting for the worker. */
        QUEUED,
        /** Being read, embedded or stored. */
        RUNNING,
        /** The database is unreachable; the job retries. */
        WAITING_FOR_DATABASE,
        /** All chunks stored. */
        DONE,
        /** The same content was ingested before; nothing added. */
        SKIPPED,
        /** Stopped with an error; nothing of it is stored. */
        FAILED;

        /** Whether the job has ended. */
        public boolean isFinal() {
            return this == DONE || this == SKIPPED || this == FAILED;
        }
    }

    /** Where a job comes from. */
    public static final class Origin {
        /** A file uploaded through the API; it brings a deleted document back. */
        public static final String UPLOAD = "upload";
        /** A file of the ingestion folder. */
        public static final String FOLDER = "folder";
        /** A stored upload, queued again at startup or by a re-index of all documents. */
        public static final String STORED = "stored";
        /** A re-index of one ingested document: its chunks are computed and stored again. */
        public static final String REINDEX = "reindex";

        private Origin() {
        }
    }

    /**
     * A snapshot of a job.
     *
     * @param id       job id
     * @param file     the file's name
     * @param origin   one of {@link Origin}
     * @param sha256   content hash, once known
     * @param kind     file kind, once known
     * @param status   status
     * @param stage    what it does now, or the outcome
     * @param chunks   chunks of the document, once extracted
     * @param embedded chunks embedded so far
     * @param added    chunks added to the store (0 unless DONE)
     * @param retries  database operations retried because the database was unreachable
     * @param error    the reason of a failure or of the last retried database error
     * @param created  when the job was created
     * @param updated  when it last changed
     */
    public record View(long id, String file, String origin, String sha256, String kind, Status status, String stage,
                       int chunks, int embedded, int added, int retries, String error, Instant created,
                       Instant updated) {
    }

    private final long id;
    private final Path path;
    private final String name;
    private final String origin;
    private final String expectedSha256;
    private final Instant created = Instant.now();
    private String sha256;
    private FileKind kind;
    private long size;
    private Status status = Status.QUEUED;
    private String stage = "queued";
    private int chunks;
    private int embedded;
    private int added;
    private int retries;
    private String error;
    private Instant updated = created;

    /**
     * @param id             job id
     * @param path           the file
     * @param name           its display name (the source of its chunks)
     * @param origin         one of {@link Origin}
     * @param expectedSha256 for a re-index, the hash the file must still have; null otherwise
     */
    IngestionJob(long id, Path path, String name, String origin, String expectedSha256) {
        this.id = id;
        this.path = path;
        this.name = name;
        this.origin = origin;
        this.expectedSha256 = expectedSha256;
    }

    /** Job id. */
    public long id() {
        return id;
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** The display name. */
    public String name() {
        return name;
    }

    /** One of {@link Origin}. */
    public String origin() {
        return origin;
    }

    /** For a re-index, the content hash of the ingested document; null otherwise. */
    String expectedSha256() {
        return expectedSha256;
    }

    /** Content hash, or null before the job has read the file. */
    public synchronized String sha256() {
        return sha256;
    }

    /** Current status. */
    public synchronized Status status() {
        return status;
    }

    /** A consistent snapshot. */
    public synchronized View view() {
        return new View(id, name, origin, sha256, kind == null ? null : kind.name().toLowerCase(Locale.ROOT),
                status, stage, chunks, embedded, added, retries, error, created, updated);
    }

    synchronized SourceFile source() {
        return new SourceFile(path, name, sha256, kind, size);
    }

    synchronized void identified(String sha256, FileKind kind, long size) {
        this.sha256 = sha256;
        this.kind = kind;
        this.size = size;
        touch();
    }

    synchronized void queued() {
        status = Status.QUEUED;
        stage = "queued";
        chunks = 0;
        embedded = 0;
        added = 0;
        retries = 0;
        error = null;
        touch();
    }

    synchronized void running(String stage) {
        this.status = Status.RUNNING;
        this.stage = stage;
        touch();
    }

    synchronized void extracted(int chunks) {
        this.chunks = chunks;
        touch();
    }

    synchronized void embedded(int embedded) {
        this.embedded = embedded;
        this.stage = "embedding " + embedded + "/" + chunks + " chunks";
        touch();
    }

    synchronized void waitingForDatabase(int attempt, String error) {
        this.status = Status.WAITING_FOR_DATABASE;
        this.retries++;
        this.error = error;
        this.stage = "database unreachable (attempt " + attempt + " failed), retrying";
        touch();
    }

    synchronized void resumed(String stage) {
        this.status = Status.RUNNING;
        this.stage = stage;
        touch();
    }

    synchronized void done(int added) {
        this.status = Status.DONE;
        this.added = added;
        this.stage = "added " + added + " chunk" + (added == 1 ? "" : "s");
        this.error = null;
        touch();
    }

    synchronized void skipped(String reason) {
        this.status = Status.SKIPPED;
        this.stage = reason;
        this.error = null;
        touch();
    }

    synchronized void failed(String error) {
        this.status = Status.FAILED;
        this.stage = "failed";
        this.error = error;
        this.added = 0;
        touch();
    }

    private void touch() {
        updated = Instant.now();
    }
}
