package dev.qwen3vl.pgvector;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Draws the recall/latency trade-off of {@link RecallBenchmark} with plain Java2D from the CSV files in the output
 * folder: one panel per vector distribution, recall@10 over median latency (log scale), one line per dimension and
 * method, each point labelled with its parameter.
 */
final class BenchmarkPlot {

    private static final String FILE = "pgvector-recall.png";
    private static final int PANEL_WIDTH = 560;
    private static final int HEIGHT = 640;
    private static final int LEFT = 70;
    private static final int GAP = 50;
    private static final int LEGEND_WIDTH = 400;
    private static final int TOP = 70;
    private static final int BOTTOM = 60;
    private static final Color[] COLORS = {new Color(0x7f7f7f), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x000000), new Color(0x1f77b4), new Color(0x9467bd), new Color(0x8c564b)};

    private BenchmarkPlot() {
    }

    /**
     * Draws {@value #FILE} from every {@code pgvector-recall-*.csv} in a folder (random first).
     *
     * @param folder the benchmark output folder
     * @throws IOException if reading or writing fails
     */
    static void write(Path folder) throws IOException {
        Map<String, List<BenchmarkResult>> panels = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().matches("pgvector-recall-[a-z]+\\.csv"))
                    .sorted(Comparator.comparing((Path p) -> !p.getFileName().toString().contains("random"))
                            .thenComparing(Path::toString))
                    .toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString().replaceAll("pgvector-recall-|\\.csv", "");
            panels.put(name, Files.readAllLines(file).stream().skip(1).map(BenchmarkResult::parse).toList());
        }
        Map<String, Color> colors = new LinkedHashMap<>();
        panels.values().stream().flatMap(List::stream).map(BenchmarkPlot::seriesName)
                .forEach(name -> colors.computeIfAbsent(name, n -> COLORS[colors.size() % COLORS.length]));
        List<BenchmarkResult> all = panels.values().stream().flatMap(List::stream).toList();
        double logMin = Math.floor(Math.log10(all.stream().mapToDouble(BenchmarkResult::p50Millis).min().orElse(1)));
        double logMax = Math.ceil(Math.log10(all.stream().mapToDouble(BenchmarkResult::p50Millis).max().orElse(10)));
        if (logMax <= logMin) {
            logMax = logMin + 1;
        }

        int width = LEFT + panels.size() * (PANEL_WIDTH + GAP) + LEGEND_WIDTH;
        BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("PgHalfvecEmbeddingStore on pgvector 0.8: recall@10 vs median search latency, top 10 of "
                    + "100k rows", LEFT, 28);
            int left = LEFT;
            for (Map.Entry<String, List<BenchmarkResult>> panel : panels.entrySet()) {
                Axes axes = new Axes(left, logMin, logMax);
                axes.draw(g, panel.getKey().equals("random") ? "uniform random unit vectors (worst case)"
                        : panel.getKey().equals("lowrank") ? "low-rank unit vectors (rank 32 + noise)" : panel.getKey());
                Map<String, List<BenchmarkResult>> series = new LinkedHashMap<>();
                panel.getValue().forEach(r -> series.computeIfAbsent(seriesName(r), k -> new ArrayList<>()).add(r));
                series.forEach((name, points) -> drawSeries(g, axes, points, colors.get(name)));
                left += PANEL_WIDTH + GAP;
            }
            int i = 0;
            for (Map.Entry<String, Color> entry : colors.entrySet()) {
                drawLegend(g, left, entry.getKey(), entry.getValue(), i++);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", folder.resolve(FILE).toFile());
    }

    private static String seriesName(BenchmarkResult r) {
        return r.dataset().replaceAll(",.*", "") + " " + r.method();
    }

    private static void drawSeries(Graphics2D g, Axes axes, List<BenchmarkResult> points, Color color) {
        List<BenchmarkResult> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(BenchmarkResult::p50Millis));
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        Path2D line = new Path2D.Double();
        for (int i = 0; i < sorted.size(); i++) {
            double x = axes.x(sorted.get(i).p50Millis());
            double y = axes.y(sorted.get(i).recall());
            if (i == 0) {
                line.moveTo(x, y);
            } else {
                line.lineTo(x, y);
            }
        }
        g.draw(line);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (BenchmarkResult r : sorted) {
            int x = (int) axes.x(r.p50Millis());
            int y = (int) axes.y(r.recall());
            g.fillOval(x - 4, y - 4, 8, 8);
            if (!r.parameter().equals("-")) {
                g.drawString(r.parameter().replace("ef_search=", "ef").replace("rescore=", "x"), x + 5, y + 13);
            }
        }
    }

    private static void drawLegend(Graphics2D g, int left, String label, Color color, int index) {
        int y = TOP + 14 + index * 22;
        g.setColor(color);
        g.fillRect(left, y - 9, 18, 10);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(label, left + 26, y);
    }

    /** One panel: maps latency (log scale) and recall to pixels and draws the frame, ticks and labels. */
    private record Axes(int left, double logMin, double logMax) {

        double x(double millis) {
            double log = Math.log10(Math.max(millis, 1e-3));
            return left + (log - logMin) / (logMax - logMin) * PANEL_WIDTH;
        }

        double y(double recall) {
            return HEIGHT - BOTTOM - recall * (HEIGHT - TOP - BOTTOM);
        }

        void draw(Graphics2D g, String title) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.setColor(Color.BLACK);
            g.drawString(title, left, TOP - 10);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i <= 10; i++) {
                int y = (int) y(i / 10.0);
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(left, y, left + PANEL_WIDTH, y);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%.1f", i / 10.0), left - 26, y + 4);
            }
            for (int e = (int) logMin; e <= (int) logMax; e++) {
                for (int m = 1; m < 10; m++) {
                    double value = m * Math.pow(10, e);
                    if (Math.log10(value) > logMax + 1e-9) {
                        break;
                    }
                    int x = (int) x(value);
                    g.setColor(m == 1 ? new Color(0xc0c0c0) : new Color(0xf0f0f0));
                    g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
                    if (m == 1) {
                        g.setColor(Color.BLACK);
                        g.drawString(value >= 1 ? String.format(Locale.ROOT, "%.0f", value) : Double.toString(value),
                                x - 6, HEIGHT - BOTTOM + 16);
                    }
                }
            }
            g.setColor(Color.BLACK);
            g.drawRect(left, TOP, PANEL_WIDTH, HEIGHT - TOP - BOTTOM);
            g.drawString("median latency per search, ms (log; JDBC round trip included)", left + 110, HEIGHT - 22);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString("recall@10 vs exact float search", -(HEIGHT / 2) - 80, left - 40);
            rotated.dispose();
        }
    }
}
