package dev.qwen3vl.demo.ingest;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.demo.load.OverloadedException;
import dev.qwen3vl.demo.media.MediaStore;
import dev.qwen3vl.demo.store.ChunkStore;
import dev.qwen3vl.demo.store.DatabaseUnavailableException;
import dev.qwen3vl.demo.store.DocumentRegistry;
import dev.qwen3vl.demo.store.IngestedDocument;
import dev.qwen3vl.demo.store.TransientFailures;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests files one after the other on one worker thread: hash → skip if recorded (or deleted) → extract chunks →
 * embed (with progress) → store → record.
 *
 * <p><b>Idempotent and atomic per document.</b> A document is identified by the SHA-256 of its content. The store step
 * deletes every chunk carrying that hash (leftovers of an ingestion interrupted after its chunks were written), adds
 * all chunks of the document in one transaction ({@code addAll}: all rows or none), and only then records the hash in
 * the documents table. So a file whose hash is recorded is skipped, and a file ingested again after any failure ends
 * with exactly its chunks, once. Chunk ids are derived from the hash and the chunk number.
 *
 * <p><b>Database outages.</b> The database steps are retried with exponential backoff while the failure is transient
 * (connection refused or lost, pool timeout), keeping the computed embeddings; the job shows
 * {@link IngestionJob.Status#WAITING_FOR_DATABASE} meanwhile. Other failures end the job as
 * {@link IngestionJob.Status#FAILED}; {@link #retry(long)} runs it again.
 *
 * <p><b>Deleted documents.</b> A document deleted through the API is not ingested again from the folder, and a job of
 * it still running when it is deleted stores nothing; uploading the same content again brings it back.
 */
@ApplicationScoped
public class IngestionService {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionService.class);
    private static final int MAX_KEPT_JOBS = 1000;

    private final ChunkStore chunks;
    private final Instance<EmbeddingModel> embeddingModel;
    private final MediaStore media;
    private final DemoConfig config;
    private final Map<FileKind, ChunkExtractor> extractors;
    private final Map<Long, IngestionJob> jobs = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "demo-ingestion");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param chunks         the store
     * @param embeddingModel the embedding model, looked up when the first file is embedded (it may still be loading)
     * @param media          where media files go
     * @param config         chunking and retry settings
     */
    @Inject
    public IngestionService(ChunkStore chunks, Instance<EmbeddingModel> embeddingModel, MediaStore media,
                            DemoConfig config) {
        this.chunks = chunks;
        this.embeddingModel = embeddingModel;
        this.media = media;
        this.config = config;
        DemoConfig.Ingest ingest = config.ingest();
        this.extractors = Map.of(
                FileKind.TEXT, new TextExtractor(ingest.chunkSize(), ingest.chunkOverlap()),
                FileKind.MARKDOWN, new MarkdownExtractor(ingest.chunkSize(), ingest.chunkOverlap()),
                FileKind.PDF, new PdfExtractor(media, ingest.chunkSize(), ingest.chunkOverlap(), ingest.pdfDpi()),
                FileKind.IMAGE, new ImageExtractor(media),
                FileKind.VIDEO, new VideoExtractor(media));
    }

    /**
     * Queues an uploaded file whose hash and kind are known.
     *
     * @param file   the stored upload
     * @param name   its display name
     * @param sha256 its content hash
     * @param kind   its kind
     * @param size   its size
     * @return the job; an unfinished job of the same content if there is one
     */
    public IngestionJob submitUpload(Path file, String name, String sha256, FileKind kind, long size) {
        synchronized (jobs) {
            Optional<IngestionJob> pending = pending(sha256);
            if (pending.isPresent()) {
                return pending.get();
            }
            IngestionJob job = newJob(file, name, IngestionJob.Origin.UPLOAD, null);
            job.identified(sha256, kind, size);
            worker.execute(() -> run(job));
            return job;
        }
    }

    /**
     * Queues an ingested document to be extracted, embedded and stored again from its file.
     *
     * @param document the document
     * @return the job; an unfinished job of the same content if there is one
     * @throws IllegalStateException if the document's file is not known or no longer there
     */
    public IngestionJob submitReindex(IngestedDocument document) {
        if (document.path() == null || !Files.isRegularFile(Path.of(document.path()))) {
            throw new IllegalStateException("The file of " + document.source() + " is " + (document.path() == null
                    ? "not known (it was ingested by an older version)" : "no longer at " + document.path())
                    + "; upload it again");
        }
        synchronized (jobs) {
            Optional<IngestionJob> pending = pending(document.sha256());
            if (pending.isPresent()) {
                return pending.get();
            }
            IngestionJob job = newJob(Path.of(document.path()), document.source(), IngestionJob.Origin.REINDEX,
                    document.sha256());
            worker.execute(() -> run(job));
            return job;
        }
    }

    /** Queues the ingestion folder ({@code demo.ingest.folder}, if set) and the stored uploads. */
    public void submitAll() {
        config.ingest().folder().ifPresent(folder -> submitFolder(folder, IngestionJob.Origin.FOLDER));
        submitFolder(media.uploadsFolder(), IngestionJob.Origin.STORED);
    }

    /**
     * Queues every supported file of a folder (recursively, in name order); the folder is read on the worker.
     *
     * @param folder the folder
     * @param origin {@link IngestionJob.Origin#FOLDER}, or {@link IngestionJob.Origin#STORED} for the uploads
     */
    private void submitFolder(Path folder, String origin) {
        worker.execute(() -> {
            List<Path> files = supportedFiles(folder);
            LOG.info("Ingestion: {} file(s) to check in {}", files.size(), folder.toAbsolutePath());
            for (Path file : files) {
                String name = origin.equals(IngestionJob.Origin.STORED) ? file.getFileName().toString()
                        : folder.relativize(file).toString().replace('\\', '/');
                IngestionJob job;
                synchronized (jobs) {
                    job = newJob(file, name, origin, null);
                }
                worker.execute(() -> run(job));
            }
        });
    }

    /**
     * Runs a failed job again.
     *
     * @param id the job id
     * @return the job, queued again, or empty if there is no such job
     * @throws IllegalStateException if the job has not failed
     */
    public Optional<IngestionJob> retry(long id) {
        IngestionJob job;
        synchronized (jobs) {
            job = jobs.get(id);
        }
        if (job == null) {
            return Optional.empty();
        }
        synchronized (job) {
            if (job.status() != IngestionJob.Status.FAILED) {
                throw new IllegalStateException("Job " + id + " (" + job.name() + ") is " + job.status()
                        + "; only FAILED jobs can be retried");
            }
            job.queued();
        }
        worker.execute(() -> run(job));
        return Optional.of(job);
    }

    /**
     * @param id a job id
     * @return the job, if it is still kept
     */
    public Optional<IngestionJob> job(long id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /** Snapshots of the kept jobs, newest first. */
    public List<IngestionJob.View> jobs() {
        List<IngestionJob> all;
        synchronized (jobs) {
            all = new ArrayList<>(jobs.values());
        }
        Collections.reverse(all);
        return all.stream().map(IngestionJob::view).toList();
    }

    /** Stops the worker (a job in progress is interrupted; it is ingested again at the next start). */
    @PreDestroy
    void stop() {
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The ingestion worker did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<IngestionJob> pending(String sha256) {
        return jobs.values().stream().filter(j -> sha256.equals(j.sha256()) && !j.status().isFinal()).findFirst();
    }

    private IngestionJob newJob(Path file, String name, String origin, String expectedSha256) {
        IngestionJob job = new IngestionJob(ids.incrementAndGet(), file, name, origin, expectedSha256);
        jobs.put(job.id(), job);
        if (jobs.size() > MAX_KEPT_JOBS) {
            jobs.values().stream().filter(j -> j.status().isFinal()).findFirst()
                    .ifPresent(oldest -> jobs.remove(oldest.id()));
        }
        return job;
    }

    private static List<Path> supportedFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            LOG.warn("Ingestion: folder {} does not exist", folder.toAbsolutePath());
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> FileKind.isSupported(p.getFileName().toString()))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    private void run(IngestionJob job) {
        long start = System.nanoTime();
        try {
            ingest(job);
            LOG.info("Ingestion #{} {}: {} ({} ms)", job.id(), job.name(), job.view().stage(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            job.failed("interrupted by shutdown");
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            job.failed(forClient(job, e));
            LOG.warn("Ingestion #{} {} failed: {}", job.id(), job.name(), describe(e));
        }
    }

    private void ingest(IngestionJob job) throws InterruptedException {
        if (job.sha256() == null) {
            job.running("reading");
            FileKind kind = FileSniffer.kindOf(job.path(), job.name());
            String sha256 = Hashing.sha256(job.path());
            if (job.expectedSha256() != null && !job.expectedSha256().equals(sha256)) {
                throw new IllegalStateException("'" + job.name() + "' changed since it was ingested (sha256 "
                        + job.expectedSha256() + ", now " + sha256 + "): delete the document and ingest the file"
                        + " again");
            }
            job.identified(sha256, kind, size(job.path()));
        }
        SourceFile file = job.source();
        job.running("checking");
        Optional<String> skip = withDatabase(job, "checking", () -> reasonToSkip(job, file));
        if (skip.isPresent()) {
            job.skipped(skip.get());
            return;
        }
        job.running("extracting");
        List<TextSegment> segments = withDocumentMetadata(extractors.get(file.kind()).extract(file), file);
        job.extracted(segments.size());
        LOG.info("Ingestion #{} {}: {} chunk(s) to embed", job.id(), file.name(), segments.size());
        List<Embedding> embeddings = embed(job, segments);
        List<String> chunkIds = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            chunkIds.add(UUID.nameUUIDFromBytes((file.sha256() + "#" + i).getBytes(StandardCharsets.UTF_8))
                    .toString());
        }
        job.running("storing");
        boolean stored = withDatabase(job, "storing", () -> chunks.exclusively(() -> {
            if (chunks.registry().isDeleted(file.sha256())) {
                return false;
            }
            chunks.store().removeAll(metadataKey(ChunkMetadata.DOCUMENT).isEqualTo(file.sha256()));
            chunks.store().addAll(chunkIds, embeddings, segments);
            chunks.registry().record(new IngestedDocument(file.sha256(), file.name(), kindName(file.kind()),
                    file.size(), segments.size(), null, file.path().toAbsolutePath().toString()));
            return true;
        }));
        if (stored) {
            job.done(segments.size());
        } else {
            job.skipped("deleted while it was being ingested");
        }
    }

    /** Why the job has nothing to do, if so: its document is ingested already, or deleted. */
    private Optional<String> reasonToSkip(IngestionJob job, SourceFile file) {
        DocumentRegistry registry = chunks.registry();
        if (job.origin().equals(IngestionJob.Origin.UPLOAD)) {
            registry.undelete(file.sha256());
        } else if (registry.isDeleted(file.sha256())) {
            return Optional.of("deleted; upload it to add it again");
        }
        if (job.origin().equals(IngestionJob.Origin.REINDEX)) {
            return Optional.empty();
        }
        return registry.find(file.sha256()).map(existing -> "already ingested as " + existing.source() + " ("
                + existing.chunks() + " chunks)");
    }

    private List<Embedding> embed(IngestionJob job, List<TextSegment> segments) {
        int batch = Math.max(1, config.ingest().embedBatchSize());
        List<Embedding> embeddings = new ArrayList<>(segments.size());
        job.embedded(0);
        for (int from = 0; from < segments.size(); from += batch) {
            List<TextSegment> part = segments.subList(from, Math.min(segments.size(), from + batch));
            embeddings.addAll(embeddingModel.get().embedAll(part).content());
            job.embedded(embeddings.size());
            LOG.info("Ingestion #{} {}: embedded {}/{} chunks", job.id(), job.name(), embeddings.size(),
                    segments.size());
        }
        return embeddings;
    }

    private <T> T withDatabase(IngestionJob job, String stage, Supplier<T> work) throws InterruptedException {
        DemoConfig.Retry retry = config.ingest().retry();
        Duration backoff = retry.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                T result = work.get();
                if (attempt > 1) {
                    job.resumed(stage);
                    LOG.info("Ingestion #{} {}: the database is reachable again", job.id(), job.name());
                }
                return result;
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e)) {
                    throw e;
                }
                if (attempt >= retry.maxAttempts()) {
                    throw new DatabaseUnavailableException("The database was unreachable in " + attempt
                            + " attempts: " + describe(e), e);
                }
                job.waitingForDatabase(attempt, forClient(job, e));
                LOG.warn("Ingestion #{} {}: database unreachable ({}); attempt {} of {}, next in {} ms", job.id(),
                        job.name(), describe(e), attempt, retry.maxAttempts(), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    private static List<TextSegment> withDocumentMetadata(List<TextSegment> segments, SourceFile file) {
        List<TextSegment> out = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            TextSegment s = segments.get(i);
            out.add(TextSegment.from(s.text(), s.metadata().copy()
                    .put(ChunkMetadata.SOURCE, file.name())
                    .put(ChunkMetadata.DOCUMENT, file.sha256())
                    .put(ChunkMetadata.KIND, kindName(file.kind()))
                    .put(ChunkMetadata.CHUNK, i)));
        }
        return out;
    }

    private static String kindName(FileKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    // the job's error as the client sees it: the file named as sent, no server path
    private String forClient(IngestionJob job, Throwable e) {
        return ClientMessages.scrub(describe(e), job.path(), job.name(), config.dataDir());
    }

    /**
     * Refuses more files when the ingestion queue is full.
     *
     * @param files files about to be queued
     * @throws OverloadedException 429 if more than {@code demo.limits.ingest-queue} files would wait
     */
    public void requireRoom(int files) {
        int limit = config.limits().ingestQueue();
        long waiting;
        synchronized (jobs) {
            waiting = jobs.values().stream().filter(j -> !j.status().isFinal()).count();
        }
        if (waiting + files > limit) {
            throw OverloadedException.tooMany(waiting + " files are waiting for ingestion; the limit is " + limit
                    + " (demo.limits.ingest-queue). Retry in " + config.limits().retryAfter().toSeconds() + " s",
                    config.limits().retryAfter());
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
