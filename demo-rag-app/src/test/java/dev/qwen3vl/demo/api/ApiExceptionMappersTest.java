package dev.qwen3vl.demo.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.demo.load.OverloadedException;
import dev.qwen3vl.inference.DeadlineExceededException;
import dev.qwen3vl.inference.QueueFullException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Overload is a 429 or 503 with Retry-After, never a 500. */
class ApiExceptionMappersTest {

    private final ApiExceptionMappers mappers = new ApiExceptionMappers();

    @Test
    void a_full_inference_queue_is_429_with_retry_after() {
        Response r = mappers.overloaded(new QueueFullException(1024));
        assertThat(r.getStatus()).isEqualTo(429);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((ApiError) r.getEntity()).message()).contains("1024 requests waiting");
    }

    @Test
    void a_refusal_keeps_its_status_and_retry_after() {
        Response r = mappers.overloaded(new OverloadedException(503, "models_loading", "loading",
                Duration.ofMillis(2500)));
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("3");
        assertThat(((ApiError) r.getEntity()).error()).isEqualTo("models_loading");
    }

    @Test
    void expired_and_cancelled_requests_are_503() {
        assertThat(mappers.expired(new DeadlineExceededException("late")).getStatus()).isEqualTo(503);
        assertThat(mappers.cancelled(new CancellationException("gone")).getStatus()).isEqualTo(503);
    }

    @Test
    void an_unexpected_failure_is_500_without_its_message() {
        Response r = mappers.unexpected(new IllegalStateException("Cannot store the upload under /srv/demo/uploads/x"));
        assertThat(r.getStatus()).isEqualTo(500);
        ApiError body = (ApiError) r.getEntity();
        assertThat(body.error()).isEqualTo("internal_error");
        assertThat(body.message()).startsWith("The request failed on the server (reference ")
                .doesNotContain("/srv").doesNotContain("Cannot store");
    }
}
