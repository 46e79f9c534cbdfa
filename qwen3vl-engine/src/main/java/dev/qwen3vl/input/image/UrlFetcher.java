package dev.qwen3vl.input.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads an image over http(s) within the {@link ImageLimits}: one overall deadline ({@code urlTimeout},
 * also the connect timeout), redirects followed by hand up to {@code maxRedirects}, the body capped at
 * {@code maxBytes} while it streams. Before every connection, the first and each redirect target, the host is
 * resolved and refused if any of its addresses is not public ({@link AddressPolicy}); the HTTP client then
 * resolves the host through the JVM's address cache, which holds the answer just checked.
 */
final class UrlFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(UrlFetcher.class);

    private final ImageLimits limits;
    private final HttpClient client;

    UrlFetcher(ImageLimits limits) {
        this.limits = limits;
        this.client = HttpClient.newBuilder()
                .connectTimeout(limits.urlTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The body of {@code url}, after redirects; fails with an {@link InvalidImageException} naming the input. */
    byte[] fetch(URI url, String description) {
        long deadline = System.nanoTime() + limits.urlTimeout().toNanos();
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            checkTarget(current, description);
            LOG.debug("Downloading image {}", ImageSource.redact(current));
            HttpResponse<byte[]> response = send(current, deadline, description);
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                if (redirects >= limits.maxRedirects()) {
                    throw new InvalidImageException(description, "more than " + limits.maxRedirects()
                            + " redirects (ImageLimits.maxRedirects)");
                }
                String location = response.headers().firstValue("Location").orElseThrow(() ->
                        new InvalidImageException(description, "HTTP " + status + " redirect without a Location"));
                try {
                    current = current.resolve(location);
                } catch (IllegalArgumentException e) {
                    throw new InvalidImageException(description, "malformed redirect location", e);
                }
                continue;
            }
            if (status != 200) {
                throw new InvalidImageException(description,
                        "the server answered HTTP " + status + " for " + ImageSource.redact(current));
            }
            return response.body();
        }
    }

    /** Refuses non-http(s) targets and hosts with a non-public address, before any connection. */
    private void checkTarget(URI target, String description) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidImageException(description,
                    "refusing to follow a redirect to a " + (scheme.isEmpty() ? "relative" : scheme) + " URL");
        }
        String host = target.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidImageException(description, "the URL " + ImageSource.redact(target) + " has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new InvalidImageException(description, "cannot resolve host " + host, e);
        }
        if (limits.allowPrivateAddresses()) {
            return;
        }
        for (InetAddress address : addresses) {
            String refusal = AddressPolicy.refusal(address);
            if (refusal != null) {
                throw new InvalidImageException(description, "refusing to connect to " + host + " ("
                        + address.getHostAddress() + "): " + refusal + "; downloads may only reach public addresses"
                        + " (ImageLimits.allowPrivateAddresses is meant for tests and trusted networks)");
            }
        }
    }

    private HttpResponse<byte[]> send(URI target, long deadline, String description) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(description);
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(target)
                    .GET()
                    .timeout(Duration.ofNanos(remaining))
                    .header("Accept", "image/*")
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException(description, "the URL cannot be requested: " + e.getMessage(), e);
        }
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> info.statusCode() == 200
                ? new CappedBody(limits.maxBytes(), info.headers().firstValueAsLong("Content-Length").orElse(-1))
                : HttpResponse.BodySubscribers.replacing(null));
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout(description);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InvalidImageException(description, "the download was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TooLarge tooLarge) {
                throw new InvalidImageException(description, tooLarge.getMessage() + " the limit of "
                        + limits.maxBytes() + " bytes (ImageLimits.maxBytes)", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw timeout(description);
            }
            if (cause instanceof ConnectException) {
                throw new InvalidImageException(description,
                        "cannot connect to " + ImageSource.redact(target), cause);
            }
            throw new InvalidImageException(description, "the download failed: " + cause, cause);
        }
    }

    private InvalidImageException timeout(String description) {
        return new InvalidImageException(description,
                "the download took longer than " + limits.urlTimeout().toMillis() + " ms (ImageLimits.urlTimeout)");
    }

    /** A body too large for {@code maxBytes}. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** Collects a response body, cancelling the download as soon as it grows past the limit. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final long declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(long max, long declared) {
            this.max = max;
            this.declared = declared;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > max) {
                s.cancel();
                result.completeExceptionally(new TooLarge("the server declares " + declared + " bytes, more than"));
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                if (out.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge("the download is larger than"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
