package dev.qwen3vl.quarkus.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.qwen3vl.testing.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model hub on 127.0.0.1 whose answers wait for the test: it serves the tiny model as {@link #TINY_REPO} and knows
 * no other repository. The weights of the tiny model come in two halves: the first at once, the second after the
 * test {@linkplain #release releases} the repository; a question about an unknown repository is answered (404) only
 * after its release. So a test sees a model half downloaded, or loading, for as long as it wants, with no timing
 * involved. One hub per
 * JVM (a test class is loaded twice, by JUnit and by the application, and both must see the same hub): the two
 * copies talk through the system property {@value #URL_PROPERTY} and HTTP.
 */
final class GatedHub {

    /** The repository id under which the tiny model is served. */
    static final String TINY_REPO = "tests/qwen3vl-tiny";

    private static final String URL_PROPERTY = "qwen3vl.test.gated-hub.url";
    private static final List<String> FILES = List.of("config.json", "generation_config.json", "tokenizer.json",
            "tokenizer_config.json", "model.safetensors");
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final Pattern API = Pattern.compile("/api/models/([^/]+/[^/]+)/revision/[^/]+");
    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/[^/]+/(.+)");
    private static final Pattern RELEASE = Pattern.compile("/release/([^/]+/[^/]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpServer server;
    private static final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    private GatedHub() {}

    /** Starts the hub unless it runs already; returns its base URL. */
    static synchronized String start() {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gated-hub");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", GatedHub::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

    /** Lets the requests about {@code repoId} through, from whichever class loader the caller is in. */
    static void release(String repoId) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(System.getProperty(URL_PROPERTY) + "/release/" + repoId)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("The hub answered the release with HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The size of a file of the tiny model. */
    static long size(String file) {
        try {
            return Files.size(Path.of(Fixtures.model().toString(), file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty hub cache folder. */
    static String emptyCacheDir() {
        try {
            return Files.createTempDirectory("qwen3vl-hub-cache").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the hub started by {@link #start}. */
    static synchronized void stop() {
        if (server != null) {
            gates.values().forEach(CountDownLatch::countDown);
            server.stop(0);
            server = null;
            System.clearProperty(URL_PROPERTY);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher m;
            if ((m = RELEASE.matcher(path)).matches()) {
                gate(m.group(1)).countDown();
                exchange.sendResponseHeaders(204, -1);
            } else if ((m = API.matcher(path)).matches() && m.group(1).equals(TINY_REPO)) {
                send(exchange, 200, JSON.writeValueAsBytes(revision()));
            } else if (m.matches()) {
                awaitGate(m.group(1));
                send(exchange, 404, "{\"error\":\"Repository not found\"}".getBytes(StandardCharsets.UTF_8));
            } else if ((m = RESOLVE.matcher(path)).matches() && m.group(1).equals(TINY_REPO)
                    && FILES.contains(m.group(2))) {
                sendFile(exchange, m.group(2));
            } else {
                send(exchange, 404, "{\"error\":\"Not found\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The revision API's answer: every file with its size and, as for LFS files, its sha256. */
    private static ObjectNode revision() throws IOException {
        ObjectNode json = JSON.createObjectNode().put("id", TINY_REPO).put("sha", COMMIT);
        ArrayNode siblings = json.putArray("siblings");
        for (String name : FILES) {
            byte[] content = Files.readAllBytes(Path.of(Fixtures.model().toString(), name));
            siblings.addObject().put("rfilename", name).put("size", content.length).putObject("lfs")
                    .put("sha256", sha256(content)).put("size", content.length);
        }
        return json;
    }

    /** Sends a file; the weights' second half only after the release of the tiny model. */
    private static void sendFile(HttpExchange exchange, String name) throws IOException {
        byte[] content = Files.readAllBytes(Path.of(Fixtures.model().toString(), name));
        boolean gated = name.equals("model.safetensors");
        int half = gated ? content.length / 2 : content.length;
        exchange.sendResponseHeaders(200, content.length);
        OutputStream out = exchange.getResponseBody();
        out.write(content, 0, half);
        out.flush();
        if (gated) {
            awaitGate(TINY_REPO);
            out.write(content, half, content.length - half);
        }
        out.close();
    }

    private static CountDownLatch gate(String repoId) {
        return gates.computeIfAbsent(repoId, id -> new CountDownLatch(1));
    }

    private static void awaitGate(String repoId) {
        try {
            gate(repoId).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
