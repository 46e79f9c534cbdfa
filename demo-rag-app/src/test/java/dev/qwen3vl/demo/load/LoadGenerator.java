package dev.qwen3vl.demo.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator of the demo (loopback only, bounded in requests and time). It measures the capacity with a closed
 * loop (a fixed number of clients, each sending its next request when the previous one is answered — or, when
 * refused, after the {@code Retry-After} the server asked for), then sends
 * open-loop traffic at 1× and 3× that rate — questions to {@code /api/ask}, messages to {@code /api/chat} and small
 * text uploads to {@code /api/documents} — and reports throughput, p50/p95/p99 latency, the share of 429s and any
 * 5xx per phase. Afterwards it waits for ingestion and checks that every accepted upload is stored exactly once: one
 * document record and as many chunk rows as the record says, none twice (through the API, and in the database with
 * {@code --jdbc}).
 *
 * <p>JDK only, runnable as a source file (the PostgreSQL driver on the class path for {@code --jdbc}):
 * <pre>java -cp postgresql.jar LoadGenerator.java --base-url http://127.0.0.1:18080 --phase-seconds 60</pre>
 * {@code scripts/load.sh} starts the demo on the tiny model and runs it.
 */
public final class LoadGenerator {

    private static final Pattern SHA256 = Pattern.compile("\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final Pattern ACTIVE = Pattern.compile("\"active\"\\s*:\\s*(\\d+)");
    private static final Pattern DOC = Pattern.compile(
            "\\{[^{}]*?\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"[^{}]*?\"chunks\"\\s*:\\s*(\\d+)[^{}]*}");
    private static final String[] QUESTIONS = {
        "When does the first ferry leave on Sundays?", "What colour is the lighthouse?",
        "How long does the crossing take?", "Which documents mention the harbour?",
        "What does the chart show?", "Where can I buy tickets?",
    };

    /** Options. */
    record Options(URI base, int phaseSeconds, int maxRequests, int clients, int warmup, int abandon, String key, String jdbc,
                   String tablePrefix, Path report, double uploadShare, double chatShare) {

        static Options parse(String[] args) {
            Map<String, String> a = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("Expected --name value pairs, got '" + args[i] + "'");
                }
                a.put(args[i].substring(2), args[++i]);
            }
            Options o = new Options(URI.create(a.getOrDefault("base-url", "http://127.0.0.1:18080")),
                    Integer.parseInt(a.getOrDefault("phase-seconds", "60")),
                    Integer.parseInt(a.getOrDefault("max-requests", "2000")),
                    Integer.parseInt(a.getOrDefault("clients", "4")),
                    Integer.parseInt(a.getOrDefault("warmup", "8")),
                    Integer.parseInt(a.getOrDefault("abandon", "5")),
                    a.get("key"), a.get("jdbc"), a.getOrDefault("table-prefix", "rag_load_32"),
                    a.containsKey("report") ? Path.of(a.get("report")) : null,
                    Double.parseDouble(a.getOrDefault("upload-share", "0.1")),
                    Double.parseDouble(a.getOrDefault("chat-share", "0.45")));
            if (o.phaseSeconds < 1 || o.phaseSeconds > 1800 || o.maxRequests < 1 || o.maxRequests > 100_000) {
                throw new IllegalArgumentException("--phase-seconds must be 1..1800 and --max-requests 1..100000");
            }
            return o;
        }
    }

    /** One answered (or failed) request. */
    record Result(String kind, int status, long nanos, long retryAfterS) {}

    /** What a phase measured. */
    record Phase(String name, double offeredPerS, double seconds, List<Result> results) {

        long count(int from, int to) {
            return results.stream().filter(r -> r.status >= from && r.status < to).count();
        }

        double throughput() {
            return count(200, 300) / seconds;
        }

        double percentileMs(double p) {
            List<Long> ok = results.stream().filter(r -> r.status >= 200 && r.status < 300).map(Result::nanos)
                    .sorted().toList();
            if (ok.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100 * ok.size()) - 1;
            return ok.get(Math.max(0, Math.min(ok.size() - 1, index))) / 1e6;
        }

        double share429() {
            return results.isEmpty() ? 0 : (double) count(429, 430) / results.size();
        }

        String line() {
            return String.format(Locale.ROOT, "%-10s offered %6.2f/s  sent %5d  2xx %5d  throughput %6.2f/s  "
                    + "p50 %8.0f ms  p95 %8.0f ms  p99 %8.0f ms  429 %5.1f%%  503 %d  other 4xx %d  5xx(!503) %d"
                    + "  client errors %d", name, offeredPerS, results.size(), count(200, 300), throughput(),
                    percentileMs(50), percentileMs(95), percentileMs(99), 100 * share429(), count(503, 504),
                    count(400, 429) + count(430, 500), count(500, 503) + count(504, 600), count(-1, 0));
        }
    }

    private final Options options;
    private final HttpClient http;
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> acceptedUploads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sentTotal = new AtomicInteger();

    LoadGenerator(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * @param args {@code --base-url} (loopback only), {@code --phase-seconds}, {@code --max-requests} (all phases
     *             together), {@code --clients} (closed loop), {@code --warmup} (requests before measuring), {@code --abandon} (questions whose connection is closed
     *             before the answer: the server log says their work was cancelled), {@code --key} (editor API key, if configured),
     *             {@code --jdbc} and {@code --table-prefix} (exactly-once check in the database), {@code --report}
     *             (a Markdown file), {@code --upload-share}, {@code --chat-share}
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        requireLoopback(options.base());
        LoadGenerator generator = new LoadGenerator(options);
        int exit = generator.run();
        System.exit(exit);
    }

    private static void requireLoopback(URI base) throws IOException {
        for (InetAddress address : InetAddress.getAllByName(base.getHost())) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("The load generator only drives a server on this machine (loopback"
                        + "); " + base.getHost() + " is " + address);
            }
        }
    }

    int run() throws Exception {
        log("warm-up: " + options.warmup() + " requests, " + options.clients() + " at a time, not measured");
        List<CompletableFuture<Result>> warm = new ArrayList<>();
        for (int i = 0; i < options.warmup(); i++) {
            warm.add(send(nextKind()));
            if (warm.size() >= options.clients()) {
                warm.forEach(CompletableFuture::join);
                warm.clear();
            }
        }
        warm.forEach(CompletableFuture::join);
        log("closed loop with " + options.clients() + " clients for " + options.phaseSeconds() + " s: capacity");
        Phase capacity = closedLoop();
        log(capacity.line());
        double rate = capacity.throughput();
        if (rate <= 0) {
            log("no request succeeded in the closed loop; stopping");
            return 2;
        }
        List<Phase> phases = new ArrayList<>(List.of(capacity));
        for (double factor : new double[] {1, 3}) {
            log(String.format(Locale.ROOT, "open loop at %.0f× capacity: %.2f requests/s for %d s", factor,
                    factor * rate, options.phaseSeconds()));
            Phase p = openLoop(String.format(Locale.ROOT, "%.0fx", factor), factor * rate);
            log(p.line());
            phases.add(p);
        }
        abandon(options.abandon());
        log("waiting for ingestion to finish, then checking " + acceptedUploads.size() + " accepted uploads");
        awaitIngestionIdle();
        ExactlyOnce check = checkUploads();
        log(check.summary());
        String report = report(phases, check);
        System.out.println(report);
        if (options.report() != null) {
            Files.writeString(options.report(), report);
        }
        long bad5xx = phases.stream().mapToLong(p -> p.count(500, 503) + p.count(504, 600)).sum();
        return bad5xx == 0 && check.ok() ? 0 : 1;
    }

    // each client sends its next request as soon as the previous one is answered, or after Retry-After when refused
    private Phase closedLoop() throws InterruptedException {
        List<Result> results = new CopyOnWriteArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(options.phaseSeconds()).toNanos();
        long start = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < options.clients(); c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end && sentTotal.get() < options.maxRequests()) {
                    Result r = send(nextKind()).join();
                    results.add(r);
                    if (r.retryAfterS() > 0) { // the server's Retry-After, bounded by the phase's end
                        long backoff = Math.min(end - System.nanoTime(), Duration.ofSeconds(r.retryAfterS()).toNanos());
                        CompletableFuture.runAsync(() -> { },
                                CompletableFuture.delayedExecutor(Math.max(0, backoff), TimeUnit.NANOSECONDS)).join();
                    }
                }
            }, "load-client-" + c);
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) {
            t.join();
        }
        return new Phase("capacity", Double.NaN, (System.nanoTime() - start) / 1e9, new ArrayList<>(results));
    }

    // requests at a fixed rate, whether or not earlier ones were answered: a scheduler fires each arrival
    private Phase openLoop(String name, double perSecond) throws InterruptedException {
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(options.phaseSeconds()).toNanos();
        List<CompletableFuture<Result>> pending = new CopyOnWriteArrayList<>();
        CountDownLatch over = new CountDownLatch(1);
        ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor();
        try {
            arrivals.scheduleAtFixedRate(() -> {
                if (System.nanoTime() >= end || sentTotal.get() >= options.maxRequests()) {
                    over.countDown();
                } else {
                    pending.add(send(nextKind()));
                }
            }, 0, interval, TimeUnit.NANOSECONDS);
            over.await();
        } finally {
            arrivals.shutdownNow();
        }
        List<Result> results = pending.stream().map(CompletableFuture::join).toList();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Phase(name, perSecond, seconds, results);
    }

    private String nextKind() {
        long n = sequence.incrementAndGet();
        double u = (n * 0.6180339887) % 1.0; // evenly spread, reproducible mix
        return u < options.uploadShare() ? "upload" : u < options.uploadShare() + options.chatShare() ? "chat"
                : "ask";
    }

    private CompletableFuture<Result> send(String kind) {
        sentTotal.incrementAndGet();
        long n = sequence.get();
        HttpRequest request = switch (kind) {
            case "upload" -> upload(n);
            case "chat" -> json("/api/chat", "{\"conversationId\":\"load-" + (n % 50) + "-" + n
                    + "\",\"message\":\"" + QUESTIONS[(int) (n % QUESTIONS.length)] + "\"}");
            default -> json("/api/ask", "{\"question\":\"" + QUESTIONS[(int) (n % QUESTIONS.length)] + "\"}");
        };
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> {
                    if (kind.equals("upload") && r.statusCode() == 202) {
                        Matcher m = SHA256.matcher(r.body());
                        if (m.find()) {
                            acceptedUploads.add(m.group(1));
                        }
                    }
                    if (r.statusCode() >= 500 && r.statusCode() != 503) {
                        log(kind + " → " + r.statusCode() + ": " + r.body());
                    }
                    long retryAfter = r.headers().firstValue("Retry-After").map(v -> {
                        try {
                            return Long.parseLong(v.trim());
                        } catch (NumberFormatException e) {
                            return 1L;
                        }
                    }).orElse(0L);
                    return new Result(kind, r.statusCode(), System.nanoTime() - start, retryAfter);
                })
                .exceptionally(e -> {
                    log(kind + " failed at the client: " + e);
                    return new Result(kind, -1, System.nanoTime() - start, 0);
                });
    }

    // questions whose client goes away: the connection is closed half a second after the request was sent
    private void abandon(int count) throws IOException, InterruptedException {
        log("sending " + count + " questions and closing each connection after 0.5 s");
        for (int i = 0; i < count; i++) {
            byte[] body = ("{\"question\":\"" + QUESTIONS[i % QUESTIONS.length] + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket(options.base().getHost(), options.base().getPort())) {
                String head = "POST /api/ask HTTP/1.1\r\nHost: " + options.base().getHost() + "\r\nContent-Type: "
                        + "application/json\r\nContent-Length: " + body.length + "\r\n"
                        + (options.key() == null ? "" : "X-API-Key: " + options.key() + "\r\n") + "\r\n";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
                socket.setSoTimeout(500); // a client that gives up waiting for the answer after 0.5 s
                try {
                    socket.getInputStream().read();
                } catch (SocketTimeoutException e) {
                    // gave up: closing the socket is the point
                }
            }
        }
    }

    private HttpRequest json(String path, String body) {
        return authorised(HttpRequest.newBuilder(options.base().resolve(path)))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    // a small text file, different every time
    private HttpRequest upload(long n) {
        String boundary = "load-boundary-" + n;
        String text = "Load test note " + n + " (" + System.nanoTime() + "): the harbour office opens at "
                + (6 + n % 5) + " o'clock.\n";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"load-note-" + n
                + ".txt\"\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n--" + boundary + "--\r\n";
        return authorised(HttpRequest.newBuilder(options.base().resolve("/api/documents")))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder builder) {
        return options.key() == null ? builder : builder.header("X-API-Key", options.key());
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(authorised(HttpRequest.newBuilder(options.base().resolve(path)))
                .timeout(Duration.ofMinutes(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    // polls the ingestion status every second until nothing is active, for at most 15 minutes
    private void awaitIngestionIdle() throws InterruptedException {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();
        try {
            poll.scheduleWithFixedDelay(() -> {
                try {
                    Matcher m = ACTIVE.matcher(get("/api/ingestion"));
                    if (m.find() && Integer.parseInt(m.group(1)) == 0) {
                        idle.complete(null);
                    }
                } catch (IOException | RuntimeException e) {
                    idle.completeExceptionally(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 0, 1, TimeUnit.SECONDS);
            idle.get(15, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Ingestion still busy after 15 minutes", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the ingestion status: " + e.getCause(), e.getCause());
        } finally {
            poll.shutdownNow();
        }
    }

    /** The exactly-once check of the accepted uploads. */
    record ExactlyOnce(int accepted, int listedOnce, int missing, int dbChecked, List<String> problems) {

        boolean ok() {
            return problems.isEmpty();
        }

        String summary() {
            return "uploads accepted " + accepted + ", listed exactly once " + listedOnce + ", missing " + missing
                    + (dbChecked >= 0 ? ", chunk rows checked in the database for " + dbChecked : "")
                    + (problems.isEmpty() ? ": exactly once" : ": PROBLEMS " + problems);
        }
    }

    private ExactlyOnce checkUploads() throws IOException, InterruptedException, SQLException {
        Map<String, Integer> listed = new ConcurrentHashMap<>();
        Map<String, Integer> chunks = new ConcurrentHashMap<>();
        Matcher m = DOC.matcher(get("/api/documents"));
        while (m.find()) {
            listed.merge(m.group(1), 1, Integer::sum);
            chunks.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        List<String> problems = new ArrayList<>();
        int once = 0;
        int missing = 0;
        for (String sha : acceptedUploads) {
            int times = listed.getOrDefault(sha, 0);
            if (times == 1) {
                once++;
            } else if (times == 0) {
                missing++;
                problems.add(sha.substring(0, 12) + " not ingested");
            } else {
                problems.add(sha.substring(0, 12) + " listed " + times + " times");
            }
        }
        int dbChecked = -1;
        if (options.jdbc() != null) {
            dbChecked = 0;
            try (Connection c = DriverManager.getConnection(options.jdbc());
                 PreparedStatement rows = c.prepareStatement("SELECT count(*), count(DISTINCT metadata->>'chunk') FROM "
                         + options.tablePrefix() + " WHERE metadata->>'document_sha256' = ?");
                 PreparedStatement records = c.prepareStatement("SELECT count(*) FROM " + options.tablePrefix()
                         + "_documents WHERE sha256 = ?")) {
                for (String sha : acceptedUploads) {
                    rows.setString(1, sha);
                    records.setString(1, sha);
                    try (ResultSet r = rows.executeQuery(); ResultSet d = records.executeQuery()) {
                        r.next();
                        d.next();
                        long count = r.getLong(1);
                        long distinct = r.getLong(2);
                        int expected = chunks.getOrDefault(sha, -1);
                        if (d.getLong(1) != 1 || count != expected || distinct != count) {
                            problems.add(sha.substring(0, 12) + ": " + d.getLong(1) + " records, " + count
                                    + " chunk rows (" + distinct + " distinct), record says " + expected);
                        }
                        dbChecked++;
                    }
                }
            }
        }
        return new ExactlyOnce(acceptedUploads.size(), once, missing, dbChecked, Collections.unmodifiableList(problems));
    }

    private String report(List<Phase> phases, ExactlyOnce check) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n| phase | offered req/s | sent | throughput req/s | p50 ms | p95 ms | "
                + "p99 ms | 429 share | 503 | 5xx other |%n|---|---|---|---|---|---|---|---|---|---|%n"));
        for (Phase p : phases) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.0f | %.0f | %.0f | %.1f %% | %d | %d |%n",
                    p.name(), Double.isNaN(p.offeredPerS()) ? "closed loop, " + options.clients() + " clients"
                            : String.format(Locale.ROOT, "%.2f", p.offeredPerS()),
                    p.results().size(), p.throughput(), p.percentileMs(50), p.percentileMs(95), p.percentileMs(99),
                    100 * p.share429(), p.count(503, 504), p.count(500, 503) + p.count(504, 600)));
        }
        s.append(String.format(Locale.ROOT, "%nUploads: %s%n", check.summary()));
        return s.toString();
    }

    private static void log(String message) {
        System.err.println("[load] " + message);
    }
}
