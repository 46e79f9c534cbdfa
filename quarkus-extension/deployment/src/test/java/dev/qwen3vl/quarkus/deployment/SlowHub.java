package dev.qwen3vl.quarkus.deployment;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A model hub on 127.0.0.1 that knows no model: it answers every request with 404, after a delay. One per JVM
 * (the test class is loaded twice, by JUnit and by the application, and both must see the same hub).
 */
final class SlowHub {

    private static final String URL_PROPERTY = "qwen3vl.test.slow-hub.url";
    private static HttpServer server;

    private SlowHub() {}

    /** Starts the hub unless it runs already; returns its base URL. */
    static synchronized String start(Duration delay) {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"error\":\"Repository not found\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

    /** Stops the hub started by {@link #start}. */
    static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
            System.clearProperty(URL_PROPERTY);
        }
    }
}
