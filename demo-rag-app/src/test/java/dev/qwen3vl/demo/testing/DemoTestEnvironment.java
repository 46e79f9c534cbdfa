package dev.qwen3vl.demo.testing;

import dev.qwen3vl.testing.TestDatabaseUrl;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the Quarkus tests of the demo share (one application start for all of them):
 *
 * <ul>
 *   <li>a fresh data folder and, on the given database, fresh test tables ({@code rag_test_*});</li>
 *   <li>an OpenAI-compatible chat server on 127.0.0.1 ({@link FakeOpenAiServer}) configured as the chat model, which
 *       reads images;</li>
 *   <li>with {@code QWEN3VL_TEST_JDBC_URL}, a {@link TcpProxy} in front of that database, through which the application
 *       connects, so that a test can take the database away. Without a URL the database comes from Dev Services and
 *       there is no proxy.</li>
 * </ul>
 *
 * Tests get the server and the proxy injected into fields of type {@link FakeOpenAiServer} and {@link TcpProxy}.
 */
public class DemoTestEnvironment implements QuarkusTestResourceLifecycleManager {

    /** The data folder of the test profile ({@code %test.demo.data-dir}). */
    public static final Path DATA_DIR = Path.of("target/demo-test-data");

    private FakeOpenAiServer llm;
    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        try {
            TestFiles.deleteRecursively(DATA_DIR);
            Map<String, String> config = new HashMap<>();
            llm = new FakeOpenAiServer();
            config.put("demo.chat.base-url", llm.baseUrl());
            config.put("demo.chat.model-name", "fake-model");
            config.put("demo.chat.api-key", "test-key");
            config.put("demo.chat.vision", "true");
            Optional<String> url = TestDatabaseUrl.configured();
            if (url.isPresent()) {
                dropTestTables(url.get());
                proxy = new TcpProxy(TestDatabaseUrl.host(url.get()), TestDatabaseUrl.port(url.get()));
                config.put("quarkus.datasource.jdbc.url", TestDatabaseUrl.withPort(url.get(), proxy.port()));
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(llm, new TestInjector.MatchesType(FakeOpenAiServer.class));
        if (proxy != null) {
            injector.injectIntoFields(proxy, new TestInjector.MatchesType(TcpProxy.class));
        }
    }

    @Override
    public void stop() {
        if (llm != null) {
            llm.close();
        }
        if (proxy != null) {
            try {
                proxy.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void dropTestTables(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS rag_test_32_documents, rag_test_32_documents_deleted, rag_test_32,"
                    + " rag_test_32_model, rag_test_chat_memory, rag_test_chat_turns, rag_test_chat_conversations");
            s.execute("DROP FUNCTION IF EXISTS rag_test_fail_on_chunk() CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset the test tables in " + url + ": " + e.getMessage(), e);
        }
    }
}
