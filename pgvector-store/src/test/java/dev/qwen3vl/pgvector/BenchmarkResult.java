package dev.qwen3vl.pgvector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One measured configuration of {@link RecallBenchmark}.
 *
 * @param dataset   dimension and row count
 * @param method    storage mode and index
 * @param parameter the swept parameter, e.g. {@code ef_search=100}
 * @param recall    mean recall@10 against exact float search
 * @param p50Millis median end-to-end search latency
 * @param p99Millis 99th percentile latency
 * @param plan      the scan node of the query plan
 */
record BenchmarkResult(String dataset, String method, String parameter, double recall, double p50Millis,
                       double p99Millis, String plan) {

    static final String CSV_HEADER = "dataset,method,parameter,recall_at_10,p50_ms,p99_ms,plan";
    static final String TABLE_HEADER = String.format(Locale.ROOT, "%-20s %-46s %-14s %9s %9s %9s  %s",
            "dataset", "method", "parameter", "recall@10", "p50 ms", "p99 ms", "plan");

    /**
     * @param distribution the name of the vector distribution
     * @return the CSV file of that distribution's results
     */
    static String csvFileName(String distribution) {
        return "pgvector-recall-" + distribution + ".csv";
    }

    /**
     * Parses a line written by {@link #csv()}.
     *
     * @param line the CSV line
     * @return the result
     */
    static BenchmarkResult parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        if (fields.size() != 7) {
            throw new IllegalArgumentException("Expected 7 CSV fields: " + line);
        }
        return new BenchmarkResult(fields.get(0), fields.get(1), fields.get(2), Double.parseDouble(fields.get(3)),
                Double.parseDouble(fields.get(4)), Double.parseDouble(fields.get(5)), fields.get(6));
    }

    String csv() {
        return String.format(Locale.ROOT, "%s,%s,%s,%.3f,%.2f,%.2f,%s", quote(dataset), quote(method), parameter,
                recall, p50Millis, p99Millis, quote(plan));
    }

    String row() {
        return String.format(Locale.ROOT, "%-20s %-46s %-14s %9.3f %9.2f %9.2f  %s", dataset, method, parameter,
                recall, p50Millis, p99Millis, plan);
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
