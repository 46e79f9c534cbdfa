package dev.qwen3vl.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A model hub on 127.0.0.1 (ephemeral port) serving local folders the way the real hub serves repositories:
 * {@code GET /api/models/{id}/revision/{rev}} answers the file list with sizes, git blob ids and LFS sha256;
 * {@code GET /{id}/resolve/{rev}/{file}} answers small files directly with an ETag (the git blob id) and redirects
 * LFS files ({@code *.safetensors}, {@code tokenizer.json}) with 302 to {@code /cdn/{sha256}}, which honours
 * {@code Range}. It records every request, and can drop a connection or corrupt a file on purpose.
 */
final class LocalHub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern API = Pattern.compile("/api/models/([^/]+/[^/]+)/revision/([^/?]+)");
    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/([^/]+)/(.+)");
    private static final Pattern CDN = Pattern.compile("/cdn/([0-9a-f]{64})");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** One request as the server saw it. */
    record Request(String path, String range, String authorization, long bodyBytesSent) {}

    /** A file of a served repository. */
    record RepoFile(String name, byte[] content, String gitBlobId, String sha256, boolean lfs) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, RepoFile> bySha256 = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> corrupted = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> dropOnceAfter = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private record Repo(String commit, Map<String, RepoFile> files) {}

    private LocalHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A started hub with no repositories. */
    static LocalHub start() throws IOException {
        return new LocalHub();
    }

    /** The base URL, {@code http://127.0.0.1:<port>}. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves the files of {@code folder} (recursively) as repository {@code repoId}; returns its commit hash. */
    String addRepo(String repoId, Path folder) throws IOException {
        Map<String, RepoFile> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String name = folder.relativize(p).toString().replace('\\', '/');
                byte[] content = Files.readAllBytes(p);
                boolean lfs = name.endsWith(".safetensors") || name.equals("tokenizer.json");
                RepoFile file = new RepoFile(name, content, gitBlobId(content), hex("SHA-256", content), lfs);
                files.put(name, file);
                bySha256.put(file.sha256(), file);
            }
        }
        String commit = hex("SHA-1", (repoId + ":" + String.join(",", files.keySet()))
                .getBytes(StandardCharsets.UTF_8));
        repos.put(repoId, new Repo(commit, files));
        return commit;
    }

    /** The served file {@code name} of {@code repoId}. */
    RepoFile file(String repoId, String name) {
        return repos.get(repoId).files().get(name);
    }

    /** Serves {@code file} with one byte changed from now on. */
    void corrupt(String repoId, String file) {
        corrupted.add(file(repoId, file).sha256());
    }

    /** Drops the connection once, after {@code bytes} bytes of the body of the next full download of the file. */
    void dropOnceAfter(String repoId, String file, long bytes) {
        dropOnceAfter.put(file(repoId, file).sha256(), bytes);
    }

    /** Makes {@code repoId} gated: its API and file requests get 401 without {@code Authorization: Bearer token}. */
    void requireToken(String repoId, String token) {
        tokens.put(repoId, token);
    }

    /** Every request so far, in order of arrival. */
    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests whose path starts with {@code prefix}. */
    List<Request> requestsTo(String prefix) {
        return requests().stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        long[] sent = {0};
        try (exchange) {
            Matcher m;
            if ((m = API.matcher(path)).matches() || (m = RESOLVE.matcher(path)).matches()) {
                if (tokens.containsKey(m.group(1)) && !("Bearer " + tokens.get(m.group(1))).equals(auth)) {
                    sent[0] = send(exchange, 401, "{\"error\":\"Access to this model is restricted\"}"
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            if ((m = API.matcher(path)).matches()) {
                sent[0] = api(exchange, m.group(1), decode(m.group(2)));
            } else if ((m = CDN.matcher(path)).matches()) {
                cdn(exchange, m.group(1), range, sent);
            } else if ((m = RESOLVE.matcher(path)).matches()) {
                sent[0] = resolve(exchange, m.group(1), decode(m.group(2)), decode(m.group(3)));
            } else {
                sent[0] = send(exchange, 404, "{\"error\":\"Not found\"}".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            requests.add(new Request(path, range, auth, sent[0]));
        }
    }

    private long api(HttpExchange exchange, String repoId, String revision) throws IOException {
        Repo repo = repos.get(repoId);
        if (repo == null) {
            return send(exchange, 401, "{\"error\":\"Repository not found\"}".getBytes(StandardCharsets.UTF_8));
        }
        if (!revision.equals("main") && !revision.equals(repo.commit())) {
            return send(exchange, 404, "{\"error\":\"Invalid rev id\"}".getBytes(StandardCharsets.UTF_8));
        }
        ObjectNode json = JSON.createObjectNode().put("id", repoId).put("sha", repo.commit());
        ArrayNode siblings = json.putArray("siblings");
        for (RepoFile file : repo.files().values()) {
            ObjectNode sibling = siblings.addObject().put("rfilename", file.name()).put("size", file.content().length)
                    .put("blobId", file.gitBlobId());
            if (file.lfs()) {
                sibling.putObject("lfs").put("sha256", file.sha256()).put("size", file.content().length)
                        .put("pointerSize", 134);
            }
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        return send(exchange, 200, JSON.writeValueAsBytes(json));
    }

    private long resolve(HttpExchange exchange, String repoId, String revision, String name) throws IOException {
        Repo repo = repos.get(repoId);
        RepoFile file = repo == null ? null : repo.files().get(name);
        if (file == null || !(revision.equals("main") || revision.equals(repo.commit()))) {
            return send(exchange, 404, "Entry not found".getBytes(StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().set("X-Repo-Commit", repo.commit());
        if (file.lfs()) {
            exchange.getResponseHeaders().set("X-Linked-Etag", "\"" + file.sha256() + "\"");
            exchange.getResponseHeaders().set("X-Linked-Size", String.valueOf(file.content().length));
            exchange.getResponseHeaders().set("ETag", "\"" + file.sha256() + "\"");
            exchange.getResponseHeaders().set("Location", endpoint() + "/cdn/" + file.sha256() + "?expires=1");
            exchange.sendResponseHeaders(302, -1);
            return 0;
        }
        exchange.getResponseHeaders().set("ETag", "\"" + file.gitBlobId() + "\"");
        return send(exchange, 200, file.content());
    }

    private void cdn(HttpExchange exchange, String sha256, String range, long[] sent) throws IOException {
        RepoFile file = bySha256.get(sha256);
        if (file == null) {
            sent[0] = send(exchange, 404, "NoSuchKey".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] content = file.content();
        if (corrupted.contains(sha256)) {
            content = content.clone();
            content[content.length / 2] ^= 0x5A;
        }
        int start = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().set("ETag", "\"cdn-" + sha256.substring(0, 16) + "\"");
        if (m != null && m.matches()) {
            start = (int) Long.parseLong(m.group(1));
            if (start >= content.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
            exchange.sendResponseHeaders(206, content.length - start);
        } else {
            exchange.sendResponseHeaders(200, content.length);
        }
        Long drop = start == 0 ? dropOnceAfter.remove(sha256) : null;
        int end = drop == null ? content.length : (int) Math.min(drop, content.length);
        OutputStream out = exchange.getResponseBody();
        out.write(content, start, end - start);
        sent[0] = end - start;
        if (drop != null) {
            out.flush();
            // Leaving the handler with an exception makes the server close the connection mid-body.
            throw new IOException("LocalHub drops the connection after " + end + " bytes on purpose");
        }
    }

    private static long send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        return body.length;
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The git blob id of {@code content}: sha1 of "blob <size>\0" followed by the content. */
    static String gitBlobId(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return hex("SHA-1", all);
    }

    static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
