package dev.qwen3vl.testing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDBC URL of the tests' PostgreSQL + pgvector: the system property {@code qwen3vl.test.jdbc-url}, else the
 * environment variable {@code QWEN3VL_TEST_JDBC_URL} ({@code scripts/postgres.sh start} prints one). Without it,
 * tests fall back to Docker (Testcontainers, Quarkus Dev Services) where Docker runs.
 */
public final class TestDatabaseUrl {

    /** Environment variable with the JDBC URL. */
    public static final String ENV = "QWEN3VL_TEST_JDBC_URL";
    /** System property with the JDBC URL (wins over the environment). */
    public static final String PROPERTY = "qwen3vl.test.jdbc-url";

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)?");

    private TestDatabaseUrl() {}

    /** The configured JDBC URL, if any. */
    public static Optional<String> configured() {
        String url = System.getProperty(PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(ENV);
        }
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url);
    }

    /**
     * @param url a PostgreSQL JDBC URL
     * @param port the port to use instead
     * @return the same URL on 127.0.0.1 and that port
     */
    public static String withPort(String url, int port) {
        Matcher m = matcher(url);
        return "jdbc:postgresql://127.0.0.1:" + port + (m.group(3) == null ? "/" : m.group(3));
    }

    /** The host of a PostgreSQL JDBC URL. */
    public static String host(String url) {
        return matcher(url).group(1);
    }

    /** The port of a PostgreSQL JDBC URL (5432 when absent). */
    public static int port(String url) {
        Matcher m = matcher(url);
        return m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    }

    private static Matcher matcher(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL with a host: " + url);
        }
        return m;
    }
}
