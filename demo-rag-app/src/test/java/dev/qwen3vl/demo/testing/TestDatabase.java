package dev.qwen3vl.demo.testing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tests' PostgreSQL: env {@code QWEN3VL_TEST_JDBC_URL} or system property {@code qwen3vl.test.jdbc-url}. */
public final class TestDatabase {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)?");

    private TestDatabase() {
    }

    /** The JDBC URL, if one is given (without one, Quarkus Dev Services provide the database where Docker runs). */
    public static Optional<String> jdbcUrl() {
        String url = System.getProperty("qwen3vl.test.jdbc-url");
        if (url == null || url.isBlank()) {
            url = System.getenv("QWEN3VL_TEST_JDBC_URL");
        }
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url);
    }

    /**
     * @param url  a PostgreSQL JDBC URL
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
