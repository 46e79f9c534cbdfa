package dev.qwen3vl.demo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAI-compatible chat completions endpoint on 127.0.0.1 for the tests: it records every request body and answers
 * with {@link #ANSWER}, at once or, for a request with {@code "stream": true}, as server-sent chunks of one word each
 * ({@link #CHUNKS}). A test can hold a stream before its last chunk ({@link #holdNextStream()}).
 */
public final class FakeOpenAiServer implements AutoCloseable {

    /** The completion returned for every request. */
    public static final String ANSWER = "The first ferry leaves Saltmere at 06:40 [1]; see also [2].";
    /** The pieces of {@link #ANSWER} a stream sends, in order. */
    public static final List<String> CHUNKS = chunks(ANSWER);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hold;

    /**
     * Starts the server on a free loopback port.
     *
     * @throws IOException if it cannot bind
     */
    public FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/v1/chat/completions", this::complete);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL to configure, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The recorded request bodies, oldest first. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /**
     * Makes the next streamed answer wait before its last chunk until the returned latch is counted down (or 60 s
     * pass, so that a failing test does not hang the server).
     */
    public CountDownLatch holdNextStream() {
        CountDownLatch latch = new CountDownLatch(1);
        hold = latch;
        return latch;
    }

    private void complete(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode request = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, request);
                return;
            }
            ObjectNode response = completion(request, "chat.completion");
            ObjectNode choice = response.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", ANSWER);
            choice.put("finish_reason", "stop");
            response.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
            byte[] body = JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void stream(HttpExchange exchange, JsonNode request) throws IOException {
        CountDownLatch latch = hold;
        hold = null;
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < CHUNKS.size(); i++) {
                if (i == CHUNKS.size() - 1 && latch != null) {
                    await(latch);
                }
                ObjectNode chunk = completion(request, "chat.completion.chunk");
                ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
                choice.putObject("delta").put("content", CHUNKS.get(i));
                choice.putNull("finish_reason");
                event(out, JSON.writeValueAsString(chunk));
            }
            ObjectNode last = completion(request, "chat.completion.chunk");
            last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
            event(out, JSON.writeValueAsString(last));
            event(out, "[DONE]");
        }
    }

    private ObjectNode completion(JsonNode request, String object) {
        ObjectNode response = JSON.createObjectNode();
        response.put("id", "chatcmpl-test-" + requests.size());
        response.put("object", object);
        response.put("created", 1_700_000_000L);
        response.put("model", request.path("model").asText());
        return response;
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> chunks(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i - 1) == ' ') {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        return List.copyOf(out);
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
