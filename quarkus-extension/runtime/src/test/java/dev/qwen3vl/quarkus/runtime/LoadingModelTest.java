package dev.qwen3vl.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadingModelTest {

    /** A resource that counts how often it is closed. */
    private static final class Resource implements AutoCloseable {
        int closed;

        @Override
        public void close() {
            closed++;
        }
    }

    private final LoadingModel<Resource> model = new LoadingModel<>("fast", ModelTask.EMBEDDING, "org/model");

    @Test
    void should_make_callers_wait_until_the_model_is_loaded() throws Exception {
        Resource resource = new Resource();
        CompletableFuture<Resource> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> result.complete(model.await()));
        caller.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (caller.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(caller.getState()).as("the caller waits in await()").isEqualTo(Thread.State.WAITING);
        assertThat(result).isNotDone();
        assertThat(model.state()).isEqualTo(LoadingModel.State.LOADING);

        model.complete(resource);
        assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(resource);
        assertThat(model.state()).isEqualTo(LoadingModel.State.READY);
    }

    @Test
    void should_report_the_download_while_loading_and_forget_it_once_loaded() {
        assertThat(model.download()).isEmpty();

        model.downloading("model.safetensors", 250, 1000);

        assertThat(model.download()).contains(new LoadingModel.Download("model.safetensors", 250, 1000));
        assertThat(model.download().orElseThrow().percent()).isEqualTo(25);
        assertThat(new LoadingModel.Download("model.safetensors", 250, -1).percent()).isZero();
        model.complete(new Resource());
        assertThat(model.download()).isEmpty();
    }

    @Test
    void should_run_ready_actions_before_anyone_gets_the_model_and_at_once_after() {
        Resource resource = new Resource();
        List<String> events = new ArrayList<>();
        model.whenReady(r -> events.add("before load: ready " + model.state()));

        model.complete(resource);
        model.whenReady(r -> events.add("after load: ready " + model.state()));

        assertThat(events).containsExactly("before load: ready LOADING", "after load: ready READY");
    }

    @Test
    void should_report_why_loading_failed() {
        model.whenReady(r -> {
            throw new AssertionError("must not run for a failed load");
        });

        model.fail(new IllegalStateException("Cannot load the model: HTTP 404"));

        assertThat(model.state()).isEqualTo(LoadingModel.State.FAILED);
        assertThat(model.failure()).contains("Cannot load the model: HTTP 404");
        assertThatThrownBy(model::await)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot load the model: HTTP 404");
    }

    @Test
    void should_close_a_loaded_model_once() {
        Resource resource = new Resource();
        model.complete(resource);

        model.close();
        model.close();

        assertThat(resource.closed).isEqualTo(1);
        assertThat(model.state()).isEqualTo(LoadingModel.State.CLOSED);
        assertThatThrownBy(model::await).hasMessage("the Qwen3-VL embedding model 'fast' is closed");
    }

    @Test
    void should_close_a_model_whose_load_ends_after_the_application_stopped() {
        Resource resource = new Resource();
        model.close();

        model.complete(resource);

        assertThat(resource.closed).isEqualTo(1);
        assertThat(model.state()).isEqualTo(LoadingModel.State.CLOSED);
        assertThatThrownBy(model::await)
                .hasMessage("the Qwen3-VL embedding model 'fast' was closed while it was loading");
    }
}
