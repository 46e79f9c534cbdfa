package dev.qwen3vl.demo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged demo ({@code target/quarkus-app/quarkus-run.jar}) in a child JVM on a free loopback port, for the
 * tests that stop, kill and restart the application.
 *
 * @param process the child JVM
 * @param baseUrl e.g. {@code http://127.0.0.1:41234}
 */
public record PackagedApp(Process process, String baseUrl) {

    /**
     * Starts the application and waits (up to 3 minutes) until {@code healthPath} answers 200.
     *
     * @param log        the file that receives the application's output
     * @param http       the client that polls the health endpoint
     * @param healthPath e.g. {@code /q/health/live}
     * @param properties system properties of the application (besides the port and offline mode)
     * @return the running application
     * @throws IOException if the JVM cannot be started
     */
    public static PackagedApp start(Path log, HttpClient http, String healthPath, Map<String, String> properties)
            throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-Dai.djl.offline=true", "-Dquarkus.http.port=" + port));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PackagedApp app = new PackagedApp(process, "http://127.0.0.1:" + port);
        HttpRequest health = HttpRequest.newBuilder(URI.create(app.baseUrl() + healthPath))
                .timeout(Duration.ofSeconds(30)).GET().build();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("the application runs (see %s)", log).isTrue();
            try {
                return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (ConnectException e) {
                return false; // not listening yet
            }
        });
        return app;
    }
}
