package dev.qwen3vl.demo.security;

import dev.qwen3vl.demo.api.ApiError;
import dev.qwen3vl.demo.config.DemoConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the API key of every {@code /api/*} request (see {@link ApiKeys}): {@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}; a GET may also carry it in the cookie {@value #COOKIE} (set by the page, so that its
 * images load). Writes — anything but GET/HEAD/OPTIONS under {@code /api/documents}, {@code /api/ingestion} and
 * {@code /api/conversations} (deleting a stored conversation) — need an editor key. 401 without a valid key, 403 for a reader key on a write endpoint.
 */
public class ApiKeyFilter {

    /** The cookie the page sets with the key the user entered. */
    public static final String COOKIE = "demo_api_key";

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;

    /** @param config {@code demo.security.*} */
    @Inject
    public ApiKeyFilter(DemoConfig config) {
        this.keys = ApiKeys.of(config.security());
        if (keys.configured()) {
            LOG.info("API keys configured: write endpoints need an editor key{}", config.security().protectReads()
                    ? ", read endpoints a reader or editor key" : "; read endpoints are open");
        }
    }

    /**
     * @param request the request
     * @return 401/403 when its key does not allow it; nothing to let it through
     */
    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        boolean read = READ_METHODS.contains(request.getMethod());
        boolean write = !read && (path.startsWith("/api/documents") || path.startsWith("/api/ingestion")
                || path.startsWith("/api/conversations"));
        ApiKeys.Need need = keys.need(write);
        return switch (keys.check(need, key(request, read))) {
            case ALLOWED -> Optional.empty();
            case UNAUTHENTICATED -> Optional.of(Response.status(401)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"qwen3vl-demo\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(401, "unauthorized", (write ? "This endpoint changes stored data" :
                            "This server protects its API") + ": send a valid API key (Authorization: Bearer <key> or"
                            + " X-API-Key: <key>); the keys are configured in demo.security.*"))
                    .build());
            case FORBIDDEN -> Optional.of(Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(403, "forbidden", "This endpoint changes stored data and needs an editor key"
                            + " (demo.security.editor-keys); the key sent is a reader key"))
                    .build());
        };
    }

    private static Optional<String> key(ContainerRequestContext request, boolean read) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).strip());
        }
        String header = request.getHeaderString("X-API-Key");
        if (header != null && !header.isBlank()) {
            return Optional.of(header.strip());
        }
        Cookie cookie = read ? request.getCookies().get(COOKIE) : null;
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }
}
