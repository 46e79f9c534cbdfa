package dev.qwen3vl.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local hub cache, in the layout the Hugging Face tools share: per repository a folder
 * {@code models--org--name} with {@code blobs/} (file contents named by their LFS sha256 or ETag),
 * {@code snapshots/<commit>/} (the repository's files as relative symbolic links into {@code blobs/}) and
 * {@code refs/<revision>} (a file holding the commit hash a branch or tag pointed to). Lock files live in
 * {@code .locks/models--org--name/}.
 */
final class HubCache {

    private static final Logger LOG = LoggerFactory.getLogger(HubCache.class);
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path root;

    HubCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The cache folder. */
    Path root() {
        return root;
    }

    /** {@code models--org--name}. */
    Path repoDir(HubModelId id) {
        return root.resolve(id.cacheFolderName());
    }

    /** {@code models--org--name/blobs}. */
    Path blobsDir(HubModelId id) {
        return repoDir(id).resolve("blobs");
    }

    /** {@code models--org--name/snapshots/<commit>}. */
    Path snapshotDir(HubModelId id, String commit) {
        return repoDir(id).resolve("snapshots").resolve(commit);
    }

    /**
     * The snapshot folder the revision of {@code id} points to (through {@code refs/<revision>}, or directly for a
     * commit hash), whether complete or not; empty if the cache knows no such revision.
     */
    Optional<Path> snapshotOf(HubModelId id) {
        String commit = id.revision();
        if (!HubModelId.isCommitHash(commit)) {
            Path ref = repoDir(id).resolve("refs").resolve(id.revision());
            if (!Files.isRegularFile(ref)) {
                return Optional.empty();
            }
            try {
                commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                LOG.warn("Cannot read {}: {}", ref, e.toString());
                return Optional.empty();
            }
            if (!HubModelId.isCommitHash(commit)) {
                LOG.warn("Ignoring {}: it does not hold a commit hash", ref);
                return Optional.empty();
            }
        }
        Path snapshot = snapshotDir(id, commit);
        return Files.isDirectory(snapshot) ? Optional.of(snapshot) : Optional.empty();
    }

    /** The complete snapshot for {@code id}, if the cache has one. */
    Optional<Path> completeSnapshot(HubModelId id) {
        return snapshotOf(id).filter(ModelFolder::isComplete);
    }

    /**
     * Makes {@code snapshot/<fileName>} a relative symbolic link to {@code blob}, replacing what was there in one
     * atomic rename. Where the file system has no symbolic links, the blob is copied instead.
     */
    void link(Path snapshot, String fileName, Path blob) throws IOException {
        Path target = snapshot.resolve(fileName).normalize();
        if (!target.startsWith(snapshot)) {
            throw new IllegalArgumentException("File name leaves the snapshot folder: " + fileName);
        }
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createSymbolicLink(temp, target.getParent().relativize(blob));
        } catch (UnsupportedOperationException | FileSystemException e) {
            LOG.warn("Cannot create a symbolic link in {} ({}); copying {} instead", snapshot, e, blob.getFileName());
            Files.copy(blob, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        moveAtomically(temp, target);
    }

    /** Writes {@code refs/<revision>} with {@code commit}, atomically. */
    void writeRef(HubModelId id, String commit) throws IOException {
        Path ref = repoDir(id).resolve("refs").resolve(id.revision());
        Files.createDirectories(ref.getParent());
        Path temp = ref.resolveSibling("." + ref.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.writeString(temp, commit, StandardCharsets.UTF_8);
        moveAtomically(temp, ref);
    }

    /**
     * Takes the download lock of a repository: a lock shared by all threads of this JVM, then an OS file lock on
     * {@code .locks/models--org--name/snapshot.lock} against other processes. Blocks until both are held.
     */
    RepoLock lock(HubModelId id) throws IOException {
        Path lockFile = root.resolve(".locks").resolve(id.cacheFolderName()).resolve("snapshot.lock");
        ReentrantLock threadLock = IN_PROCESS_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        threadLock.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock fileLock = channel.tryLock();
                if (fileLock == null) {
                    LOG.info("Waiting for another process that is downloading {} (lock {})", id, lockFile);
                    fileLock = channel.lock();
                }
                return new RepoLock(threadLock, channel, fileLock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            threadLock.unlock();
            throw e;
        }
    }

    /** Renames {@code source} to {@code target} atomically where the file system can, replacing {@code target}. */
    static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A held repository lock; {@link #close()} releases it. */
    static final class RepoLock implements AutoCloseable {
        private final ReentrantLock threadLock;
        private final FileChannel channel;
        private final FileLock fileLock;

        private RepoLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
            this.threadLock = threadLock;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() throws IOException {
            try (FileChannel c = channel) {
                fileLock.release();
            } finally {
                threadLock.unlock();
            }
        }
    }
}
