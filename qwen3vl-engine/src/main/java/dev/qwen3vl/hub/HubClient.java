package dev.qwen3vl.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The two hub calls a download needs: the revision API ({@code GET {endpoint}/api/models/{id}/revision/{revision}
 * ?blobs=true}) and file downloads ({@code GET {endpoint}/{id}/resolve/{commit}/{file}}, optionally from a byte
 * offset). Redirects are followed here, at most {@value #MAX_REDIRECTS}, only to http(s); the token is sent only to
 * the endpoint's own origin, never to the storage a large file redirects to.
 */
final class HubClient {

    private static final int MAX_REDIRECTS = 10;
    private static final int MAX_ERROR_BODY = 300;
    private static final String USER_AGENT = "qwen3vl-java-hub/1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final String token;
    private final Duration timeout;

    HubClient(URI endpoint, String token, Duration timeout) {
        this.endpoint = endpoint;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The endpoint. */
    URI endpoint() {
        return endpoint;
    }

    /**
     * Lists the files of {@code id} at its revision.
     *
     * @throws ModelNotFoundException if the hub does not know the repository or revision, or denies access
     * @throws ModelDownloadException on another HTTP error or an unreadable answer
     * @throws IOException            on a network failure or an HTTP error worth retrying
     */
    RepoInfo repoInfo(HubModelId id) throws IOException, InterruptedException {
        URI uri = URI.create(endpoint + "/api/models/" + id.repoId() + "/revision/" + encode(id.revision())
                + "?blobs=true");
        Exchange<byte[]> exchange = send(uri, 0, BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response = exchange.response;
        int status = response.statusCode();
        if (status == 200) {
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                throw new ModelDownloadException("The hub answered " + uri + " with something other than JSON", e);
            }
            return RepoInfo.fromJson(id, json);
        }
        String body = snippet(response.body());
        if (status == 401 || status == 403 || status == 404) {
            throw new ModelNotFoundException("The hub at " + endpoint + " has no model " + id.repoId()
                    + " at revision " + id.revision() + " that it lets us read (HTTP " + status + (body.isEmpty()
                    ? "" : ": " + body) + "). Check the id and revision; private or gated models need a token"
                    + " (environment variable HF_TOKEN or ModelResolver.builder().token(...)).");
        }
        throw failure(uri, status, body);
    }

    /**
     * Starts downloading {@code file} of {@code id} at {@code commit}, from byte {@code offset} when positive.
     * The answer's status is 200 (the whole file) or 206 (from the offset); the caller closes it.
     *
     * @throws ModelDownloadException on an HTTP error not worth retrying (e.g. 404, 403)
     * @throws IOException            on a network failure or an HTTP error worth retrying
     */
    FileDownload download(HubModelId id, String commit, String file, long offset)
            throws IOException, InterruptedException {
        StringBuilder path = new StringBuilder();
        for (String segment : file.split("/")) {
            path.append('/').append(encode(segment));
        }
        URI uri = URI.create(endpoint + "/" + id.repoId() + "/resolve/" + commit + path);
        Exchange<InputStream> exchange = send(uri, offset, BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response = exchange.response;
        int status = response.statusCode();
        if (status == 200 || status == 206) {
            return new FileDownload(response, exchange.etag);
        }
        String body;
        try (InputStream in = response.body()) {
            body = snippet(in.readNBytes(MAX_ERROR_BODY));
        }
        if (status == 401 || status == 403) {
            throw new ModelDownloadException("The hub at " + endpoint + " denies access to " + file + " of " + id
                    + " (HTTP " + status + "): gated or private models need a token (environment variable HF_TOKEN"
                    + " or ModelResolver.builder().token(...)) with access granted");
        }
        throw failure(response.uri(), status, body);
    }

    private <T> Exchange<T> send(URI uri, long offset, BodyHandler<T> handler)
            throws IOException, InterruptedException {
        URI current = uri;
        String etag = null;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current)
                    .timeout(timeout)
                    .header("User-Agent", USER_AGENT)
                    .header("Accept-Encoding", "identity")
                    .GET();
            if (offset > 0) {
                request.header("Range", "bytes=" + offset + "-");
            }
            if (token != null && sameOrigin(current, endpoint)) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<T> response = http.send(request.build(), handler);
            if (etag == null) {
                etag = header(response, "X-Linked-Etag").or(() -> header(response, "ETag")).orElse(null);
            }
            Optional<String> location = header(response, "Location");
            if (!isRedirect(response.statusCode()) || location.isEmpty()) {
                return new Exchange<>(response, etag);
            }
            if (response.body() instanceof Closeable closeable) {
                closeable.close();
            }
            if (redirects == MAX_REDIRECTS) {
                throw new ModelDownloadException("More than " + MAX_REDIRECTS + " redirects from " + uri);
            }
            URI next;
            try {
                next = current.resolve(location.get());
            } catch (IllegalArgumentException e) {
                throw new ModelDownloadException("Invalid redirect from " + current + ": " + location.get(), e);
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ModelDownloadException("Refusing a redirect from " + current + " to " + next
                        + ": only http and https are followed");
            }
            current = next;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).filter(v -> !v.isBlank());
    }

    /**
     * The error for a failed answer: throws the retryable {@link HubHttpException} for a status worth another try,
     * otherwise returns a {@link ModelDownloadException} for the caller to throw.
     */
    private static RuntimeException failure(URI uri, int status, String body) throws HubHttpException {
        if (HubHttpException.isRetryable(status)) {
            throw new HubHttpException(uri, status, body);
        }
        return new ModelDownloadException("HTTP " + status + " from " + uri + (body.isEmpty() ? "" : ": " + body));
    }

    private static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.length() <= MAX_ERROR_BODY ? text : text.substring(0, MAX_ERROR_BODY) + "...";
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A followed request: the final response, and the first ETag seen on the way (X-Linked-Etag preferred). */
    private record Exchange<T>(HttpResponse<T> response, String etag) {}

    /** A file download in progress: the response (status 200 or 206) with its body stream, and the file's ETag. */
    static final class FileDownload implements Closeable {
        private final HttpResponse<InputStream> response;
        private final String etag;

        private FileDownload(HttpResponse<InputStream> response, String etag) {
            this.response = Objects.requireNonNull(response);
            this.etag = etag;
        }

        /** 200 for the whole file, 206 for the requested range. */
        int status() {
            return response.statusCode();
        }

        /** The response header {@code name}, if present. */
        Optional<String> header(String name) {
            return HubClient.header(response, name);
        }

        /** The file's ETag (for LFS files the hub's X-Linked-Etag), quotes and weak prefix removed; may be null. */
        String etag() {
            if (etag == null) {
                return null;
            }
            String e = etag.startsWith("W/") ? etag.substring(2) : etag;
            return e.replace("\"", "").strip();
        }

        /** The body. */
        InputStream body() {
            return response.body();
        }

        /** Where the bytes came from after redirects. */
        URI uri() {
            return response.uri();
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }
}
