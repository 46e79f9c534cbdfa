package dev.qwen3vl.pgvector;

import com.pgvector.PGhalfvec;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Recall and latency of {@link PgHalfvecEmbeddingStore} against exact search, on random unit vectors (not a test).
 *
 * <p>Loads {@code --rows} random 2048-dimensional unit vectors (through the store's own batched inserts, with the
 * HNSW index dropped during the load and built afterwards), computes the exact top 10 of {@code --queries} random
 * queries in Java while loading, then measures recall@10 and the store's end-to-end search latency (p50/p99) for:
 * exact search (sequential scan), HNSW on halfvec at several {@code ef_search}, the BINARY and INT8 storage modes at
 * several rescore factors, and the same at 4096 dimensions ({@code --rows-4096} rows) where halfvec falls back to the
 * binary pre-filter. Writes a CSV and a PNG plot to {@code --out}.
 *
 * <p>Run: {@code scripts/bench-pgvector.sh} (see docs/benchmarks-pgvector.md). Options: {@code --rows=N},
 * {@code --rows-4096=N}, {@code --queries=N}, {@code --out=DIR}, {@code --seed=N}, {@code --data=random,lowrank}
 * (which vector distributions, see {@link VectorDistribution}), {@code --plot-only=true} (only redraw the PNG from
 * the CSV files in {@code --out}).
 */
public final class RecallBenchmark {

    private static final int K = 10;
    private static final int LOAD_BATCH = 1000;
    private static final int WARM_UP_QUERIES = 5;
    private static final int[] EF_SEARCH = {40, 100, 200, 400};
    private static final int[] RESCORE_FACTORS = {1, 4, 10, 20, 40, 100};
    private static final int LOW_RANK = 32;
    private static final float LOW_RANK_NOISE = 0.2f;

    private final SingleConnectionDataSource dataSource;
    private final SingleConnectionDataSource seqScanOnly;
    private final int queries;
    private final long seed;
    private final List<BenchmarkResult> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private RecallBenchmark(int queries, long seed) throws SQLException {
        this.queries = queries;
        this.seed = seed;
        this.dataSource = new SingleConnectionDataSource(TestDatabase.dataSource());
        this.seqScanOnly = new SingleConnectionDataSource(
                TestDatabase.dataSource("-c enable_indexscan=off -c enable_bitmapscan=off"));
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --rows=N --rows-4096=N --queries=N --out=DIR --seed=N --data=LIST --plot-only=BOOL}, all
     *             optional
     * @throws Exception if the database or the output files fail
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            options.put(kv[0], kv[1]);
        }
        int rows = Integer.parseInt(options.getOrDefault("rows", "100000"));
        int rows4096 = Integer.parseInt(options.getOrDefault("rows-4096", Integer.toString(rows)));
        int queries = Integer.parseInt(options.getOrDefault("queries", "100"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        Path out = Path.of(options.getOrDefault("out", "docs/benchmarks"));
        List<String> distributions = Boolean.parseBoolean(options.getOrDefault("plot-only", "false")) ? List.of()
                : List.of(options.getOrDefault("data", "random,lowrank").split(","));

        RecallBenchmark benchmark = new RecallBenchmark(queries, seed);
        try {
            for (String name : distributions) {
                benchmark.results.clear();
                benchmark.notes.clear();
                benchmark.run2048(distribution(name, 2048, seed), rows);
                benchmark.run4096(distribution(name, 4096, seed), rows4096);
                benchmark.write(out, name);
            }
            BenchmarkPlot.write(out);
        } finally {
            benchmark.dataSource.close();
            benchmark.seqScanOnly.close();
        }
    }

    private static VectorDistribution distribution(String name, int dimension, long seed) {
        return switch (name) {
            case "random" -> VectorDistribution.random(dimension);
            case "lowrank" -> VectorDistribution.lowRank(dimension, LOW_RANK, LOW_RANK_NOISE, seed);
            default -> throw new IllegalArgumentException("--data must list random and/or lowrank, not " + name);
        };
    }

    private void run2048(VectorDistribution distribution, int rows) throws SQLException {
        int dim = 2048;
        Dataset data = new Dataset(distribution, rows, queries, seed);
        String label = dim + "-d, " + rows + " rows";
        String table = tableName(distribution);

        PgHalfvecEmbeddingStore exact = load(table, data, VectorStorage.HALFVEC);
        measureExact(label, table, data);
        measure(label, "HALFVEC: HNSW on halfvec", "ef_search=40", data, exact);
        for (int ef : EF_SEARCH) {
            if (ef != 40) {
                measure(label, "HALFVEC: HNSW on halfvec", "ef_search=" + ef, data,
                        store(table, dim, VectorStorage.HALFVEC, ef, 1));
            }
        }
        TableLayout binary = TableLayout.of(table, dim, VectorStorage.BINARY, null, null);
        notes.add(String.format(Locale.ROOT, "%s: built %s (BINARY) in %.0f s", table, binary.vectorIndexName(),
                buildIndex(binary)));
        for (int rf : RESCORE_FACTORS) {
            measure(label, "BINARY: bit HNSW + halfvec re-score", "rescore=" + rf, data,
                    store(table, dim, VectorStorage.BINARY, 40, rf));
        }
        load(table + "_int8", data, VectorStorage.INT8);
        for (int rf : RESCORE_FACTORS) {
            measure(label, "INT8: bit HNSW + int8 re-score", "rescore=" + rf, data,
                    store(table + "_int8", dim, VectorStorage.INT8, 40, rf));
        }
        notes.add(sizes(table, rows, "HALFVEC/BINARY table (halfvec(2048))"));
        notes.add(sizes(table + "_int8", rows, "INT8 table (bytea + bit(2048))"));
    }

    private void run4096(VectorDistribution distribution, int rows) throws SQLException {
        int dim = 4096;
        Dataset data = new Dataset(distribution, rows, queries, seed + 1);
        String label = dim + "-d, " + rows + " rows";
        String table = tableName(distribution);

        load(table, data, VectorStorage.HALFVEC);
        measureExact(label, table, data);
        for (int rf : RESCORE_FACTORS) {
            measure(label, "HALFVEC > 4000-d: bit HNSW + halfvec re-score", "rescore=" + rf, data,
                    store(table, dim, VectorStorage.HALFVEC, 40, rf));
        }
        notes.add(sizes(table, rows, "HALFVEC table (halfvec(4096))"));
    }

    /** @return {@code bench_<distribution>_<dimension>} */
    private static String tableName(VectorDistribution distribution) {
        return "bench_" + distribution.name() + "_" + distribution.dimension();
    }

    /** Creates the table through the store, drops its HNSW index, loads the rows, then builds the index. */
    private PgHalfvecEmbeddingStore load(String table, Dataset data, VectorStorage storage) throws SQLException {
        TestDatabase.execute("DROP TABLE IF EXISTS " + table);
        TableLayout layout = TableLayout.of(table, data.dimension, storage, null, null);
        PgHalfvecEmbeddingStore store = store(table, data.dimension, storage, 40, 4);
        TestDatabase.execute("DROP INDEX " + layout.vectorIndexName());
        long start = System.nanoTime();
        Random random = new Random(data.seed);
        List<String> ids = new ArrayList<>(LOAD_BATCH);
        List<Embedding> embeddings = new ArrayList<>(LOAD_BATCH);
        for (int row = 0; row < data.rows; row++) {
            float[] vector = data.distribution.sample(random);
            if (!data.truthComplete) {
                data.offer(row, vector);
            }
            ids.add("r" + row);
            embeddings.add(Embedding.from(vector));
            if (ids.size() == LOAD_BATCH || row == data.rows - 1) {
                store.addAll(ids, embeddings, null);
                ids.clear();
                embeddings.clear();
            }
        }
        data.truthComplete = true;
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        double indexSeconds = buildIndex(layout);
        TestDatabase.execute("ANALYZE " + table);
        notes.add(String.format(Locale.ROOT, "%s: loaded %d rows in %.0f s, built %s in %.0f s", table, data.rows,
                loadSeconds, layout.vectorIndexName(), indexSeconds));
        System.out.println(notes.get(notes.size() - 1));
        return store;
    }

    private double buildIndex(TableLayout layout) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = dataSource.getConnection().createStatement()) {
            statement.execute("SET maintenance_work_mem = '1GB'");
            statement.execute("SET max_parallel_maintenance_workers = 2");
            statement.execute(layout.createVectorIndexStatement());
            statement.execute("RESET maintenance_work_mem");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "built %s in %.0f s%n", layout.vectorIndexName(), seconds);
        return seconds;
    }

    private void measure(String dataset, String method, String parameter, Dataset data,
                         PgHalfvecEmbeddingStore store) {
        String plan = scanNode(store.explainSearch(request(data.queries.get(0))));
        measure(dataset, method, parameter, data, plan, query -> store.search(request(query)).matches().stream()
                .map(EmbeddingMatch::embeddingId).toList());
    }

    /** Exact search as PostgreSQL does it without an index: cosine distance on every halfvec, top 10. */
    private void measureExact(String dataset, String table, Dataset data) throws SQLException {
        String sql = "SELECT id FROM " + table + " ORDER BY embedding <=> ?::halfvec(" + data.dimension + ") LIMIT "
                + K;
        Connection connection = seqScanOnly.getConnection();
        String plan;
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            explain.setObject(1, new PGhalfvec(data.queries.get(0)));
            StringBuilder lines = new StringBuilder();
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    lines.append(rs.getString(1)).append('\n');
                }
            }
            plan = scanNode(lines.toString());
        }
        measure(dataset, "exact (sequential scan)", "-", data, plan, query -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, new PGhalfvec(query));
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void measure(String dataset, String method, String parameter, Dataset data, String plan,
                         Function<float[], List<String>> search) {
        Random warmUp = new Random(-1);
        for (int i = 0; i < WARM_UP_QUERIES; i++) {
            search.apply(data.distribution.sample(warmUp));
        }
        double[] millis = new double[data.queries.size()];
        double recallSum = 0;
        for (int q = 0; q < data.queries.size(); q++) {
            long start = System.nanoTime();
            List<String> ids = search.apply(data.queries.get(q));
            millis[q] = (System.nanoTime() - start) / 1e6;
            recallSum += data.recall(q, ids);
        }
        Arrays.sort(millis);
        BenchmarkResult result = new BenchmarkResult(dataset, method, parameter, recallSum / millis.length,
                percentile(millis, 50), percentile(millis, 99), plan);
        results.add(result);
        System.out.println(result.row());
    }

    /** The table and index scans of a plan, without costs. */
    private static String scanNode(String plan) {
        return plan.lines().filter(l -> l.contains("Index Scan") || l.contains("Seq Scan"))
                .map(l -> l.replaceAll("\\(cost=.*", "").replace("->", "").trim())
                .collect(java.util.stream.Collectors.joining(" + "));
    }

    private String sizes(String table, int rows, String what) {
        long total = TestDatabase.queryLong("SELECT pg_table_size('" + table + "')");
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %s, table (heap + TOAST) %.0f MB = %.0f B/row",
                table, what, total / 1e6, (double) total / rows));
        for (String suffix : List.of("_embedding_hnsw", "_embedding_bq_hnsw", "_embedding_bits_hnsw")) {
            String index = table + suffix;
            if (TestDatabase.queryLong("SELECT count(*) FROM pg_class WHERE relname = '" + index + "'") > 0) {
                long bytes = TestDatabase.queryLong("SELECT pg_relation_size('" + index + "')");
                line.append(String.format(Locale.ROOT, "; index %s %.0f MB", index, bytes / 1e6));
            }
        }
        System.out.println(line);
        return line.toString();
    }

    private PgHalfvecEmbeddingStore store(String table, int dim, VectorStorage storage, int efSearch, int rescore) {
        return PgHalfvecEmbeddingStore.builder().dataSource(dataSource).table(table).dimension(dim).storage(storage)
                .efSearch(efSearch).rescoreFactor(rescore).build();
    }

    private void write(Path out, String distribution) throws IOException {
        Files.createDirectories(out);
        Path csv = out.resolve(BenchmarkResult.csvFileName(distribution));
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv))) {
            w.println(BenchmarkResult.CSV_HEADER);
            results.forEach(r -> w.println(r.csv()));
        }
        Path log = out.resolve("pgvector-recall-" + distribution + "-notes.txt");
        Files.write(log, notes);
        System.out.println();
        System.out.println(distribution);
        System.out.println(BenchmarkResult.TABLE_HEADER);
        results.forEach(r -> System.out.println(r.row()));
        notes.forEach(System.out::println);
        System.out.println("wrote " + csv + " and " + log);
    }

    private static EmbeddingSearchRequest request(float[] query) {
        return EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(query)).maxResults(K).build();
    }

    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Queries and their exact top 10, collected while the rows stream by. */
    private static final class Dataset {
        final VectorDistribution distribution;
        final int dimension;
        final int rows;
        final long seed;
        final List<float[]> queries = new ArrayList<>();
        final int[][] topRows;
        final double[][] topScores;
        /** Set after the first load; a second table with the same rows must not count them again. */
        boolean truthComplete;

        Dataset(VectorDistribution distribution, int rows, int queryCount, long seed) {
            this.distribution = distribution;
            this.dimension = distribution.dimension();
            this.rows = rows;
            this.seed = seed;
            Random random = new Random(seed ^ 0x5DEECE66DL);
            for (int q = 0; q < queryCount; q++) {
                queries.add(distribution.sample(random));
            }
            topRows = new int[queryCount][K];
            topScores = new double[queryCount][K];
            for (double[] scores : topScores) {
                Arrays.fill(scores, Double.NEGATIVE_INFINITY);
            }
        }

        /** Updates the exact top 10 of every query with one row (unit vectors: cosine = dot product). */
        void offer(int row, float[] vector) {
            for (int q = 0; q < queries.size(); q++) {
                float[] query = queries.get(q);
                double dot = 0;
                for (int i = 0; i < dimension; i++) {
                    dot += query[i] * vector[i];
                }
                double[] scores = topScores[q];
                if (dot <= scores[K - 1]) {
                    continue;
                }
                int i = K - 1;
                while (i > 0 && scores[i - 1] < dot) {
                    scores[i] = scores[i - 1];
                    topRows[q][i] = topRows[q][i - 1];
                    i--;
                }
                scores[i] = dot;
                topRows[q][i] = row;
            }
        }

        double recall(int query, List<String> ids) {
            int hits = 0;
            for (String id : ids) {
                int row = Integer.parseInt(id.substring(1));
                for (int expected : topRows[query]) {
                    hits += expected == row ? 1 : 0;
                }
            }
            return hits / (double) K;
        }
    }
}
