package dev.qwen3vl.pgvector;

import dev.qwen3vl.testing.TestDatabaseUrl;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The PostgreSQL + pgvector database of the tests: the JDBC URL in env {@code QWEN3VL_TEST_JDBC_URL} or system
 * property {@code qwen3vl.test.jdbc-url}; else, where Docker is available, a Testcontainers
 * {@code pgvector/pgvector:pg17} container for the whole JVM; else the tests fail with instructions.
 */
public final class TestDatabase {

    private static PGSimpleDataSource dataSource;

    private TestDatabase() {
    }

    /**
     * @return the test database, with the vector extension created
     */
    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            String url = configuredUrl();
            if (url != null) {
                ds.setURL(url);
            } else if (DockerClientFactory.instance().isDockerAvailable()) {
                PostgreSQLContainer container = new PostgreSQLContainer(
                        DockerImageName.parse("pgvector/pgvector:pg17").asCompatibleSubstituteFor("postgres"));
                container.start();
                ds.setURL(container.getJdbcUrl());
                ds.setUser(container.getUsername());
                ds.setPassword(container.getPassword());
            } else {
                throw new IllegalStateException("No test database: set env " + TestDatabaseUrl.ENV + " or -D"
                        + TestDatabaseUrl.PROPERTY
                        + " to a PostgreSQL with pgvector 0.8 (run scripts/postgres.sh start, which prints the URL), "
                        + "or make Docker available for Testcontainers");
            }
            createExtension(ds);
            dataSource = ds;
        }
        return dataSource;
    }

    /**
     * A data source for the same database whose sessions start with extra settings.
     *
     * @param pgOptions PostgreSQL command-line options, e.g. {@code -c enable_seqscan=off}
     * @return a new data source
     */
    public static DataSource dataSource(String pgOptions) {
        PGSimpleDataSource base = (PGSimpleDataSource) dataSource();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(base.getURL());
        ds.setUser(base.getUser());
        ds.setPassword(base.getPassword());
        ds.setOptions(pgOptions);
        return ds;
    }

    /**
     * Runs one SQL query that returns a single number, e.g. a row count.
     *
     * @param sql the query
     * @return the number in the first column of the first row
     */
    public static long queryLong(String sql) {
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }

    /**
     * Runs SQL statements, e.g. to drop a test's tables.
     *
     * @param sql the statements
     */
    public static void execute(String... sql) {
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + String.join("; ", sql), e);
        }
    }

    private static String configuredUrl() {
        return TestDatabaseUrl.configured().orElse(null);
    }

    private static void createExtension(DataSource ds) {
        try (Connection connection = ds.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot use the test database: " + e.getMessage(), e);
        }
    }
}
