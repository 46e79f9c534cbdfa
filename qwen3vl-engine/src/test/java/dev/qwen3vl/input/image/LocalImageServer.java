package dev.qwen3vl.input.image;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 (random port) for the URL tests, counting every request it receives. Nothing
 * else is ever contacted.
 */
final class LocalImageServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);

    LocalImageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
    }

    /** Serves {@code body} at {@code path}; {@code chunked} leaves out the Content-Length. */
    LocalImageServer serve(String path, byte[] body, boolean chunked) {
        server.createContext(path, counted(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }));
        return this;
    }

    /** Answers {@code path} with {@code status} and a Location header. */
    LocalImageServer redirect(String path, int status, String location) {
        server.createContext(path, counted(exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }));
        return this;
    }

    /** Answers {@code path} with {@code status} and no body. */
    LocalImageServer status(String path, int status) {
        server.createContext(path, counted(exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }));
        return this;
    }

    /** Never answers {@code path}: the request hangs until the server is closed. */
    LocalImageServer stalled(String path) {
        server.createContext(path, counted(exchange -> {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        }));
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** Requests received so far, on any path. */
    int hits() {
        return hits.get();
    }

    private HttpHandler counted(HttpHandler handler) {
        return exchange -> {
            hits.incrementAndGet();
            handler.handle(exchange);
        };
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
