package io.akscompute.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.client.AksCompute;
import io.akscompute.client.AksComputeClient;
import io.akscompute.client.Operation;
import io.akscompute.client.Outcome;
import io.akscompute.client.StatusUpdate;
import io.akscompute.client.Workspace;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.model.ClusterPurpose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The speed harness ({@code deploy/bench/operations-bench.sh}): starts the local suite as separate processes, sets
 * the emulator's delays to zero and measures in one run, through the Java client as a program would see it:
 * attach/detach latency beside the raw Kafka hop on the same broker, a burst of attaches and one of detaches, the
 * ARM and Kubernetes requests of each operation counted at the emulator, each service's time to ready and idle
 * RSS, and the suite's start and stop. Writes the {@code operations-bench} section of docs/benchmarks.md.
 *
 * <p>Arguments: {@code --repo DIR} (default .), {@code --cycles N} (attach+detach pairs, default 50),
 * {@code --burst N} (default 1000), {@code --no-write} (print only).
 */
public final class OperationsBench {
    private static final String WS = "bench";
    private static final String RG = "bench-rg";
    private static final Duration OUTCOME = Duration.ofMinutes(10);

    private final Suite suite;
    private final AksComputeClient client;
    private final Path data;
    private final StringBuilder report = new StringBuilder();
    /** Where {@code --profile DIR} puts a JFR recording of the first attach per service; null: not recorded. */
    private final Path profileDir;

    private OperationsBench(Suite suite, AksComputeClient client, Path data, Path profileDir) {
        this.suite = suite;
        this.client = client;
        this.data = data;
        this.profileDir = profileDir;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Path repo = Path.of(opts.getOrDefault("--repo", ".")).toAbsolutePath().normalize();
        int cycles = Integer.parseInt(opts.getOrDefault("--cycles", "50"));
        int burst = Integer.parseInt(opts.getOrDefault("--burst", "1000"));
        Path data = repo.resolve("deploy/launcher/target/bench-" + DateTimeFormatter.ofPattern("HHmmss")
                .format(LocalTime.now()));
        AotCache aot = opts.containsKey("--aot-cache")
                ? AotCache.in(repo.resolve("deploy/launcher/target/aot-cache")) : null;
        if (aot != null && !aot.trainedFor(repo, SuitePorts.LOCAL.services())) {
            train(repo, aot);
        }
        Instant started = Instant.now();
        Suite suite = start(repo, data, aot);
        String body;
        try (AksComputeClient client = TestSuites.client(suite)) {
            OperationsBench bench = new OperationsBench(suite, client, data,
                    opts.containsKey("--profile") ? Path.of(opts.get("--profile")).toAbsolutePath() : null);
            bench.run(cycles, burst);
            body = bench.report.toString();
        } catch (Exception | Error e) {
            suite.close();
            throw e;
        }
        long t0 = System.nanoTime();
        suite.close();
        double stopSeconds = (System.nanoTime() - t0) / 1e9;
        body = body.replace("{stop}", String.format("%.1f s", stopSeconds));
        String section = "Measured " + started.toString().substring(0, 16).replace('T', ' ') + " UTC with `"
                + (aot == null ? "" : "JAVA_HOME=<JDK " + Runtime.version().feature() + "> ")
                + "deploy/bench/operations-bench.sh --cycles " + cycles + " --burst " + burst
                + (aot == null ? "" : " --aot-cache") + "` (load average "
                + loadAverage() + " at the end).\n\n" + body;
        System.out.println(section);
        if (!opts.containsKey("--no-write")) {
            DocSection.write(repo, "docs/benchmarks.md", "operations-bench", section);
        }
    }

    private static Suite start(Path repo, Path data, AotCache aot) throws Exception {
        return Suite.start(repo, data, SuitePorts.free(), line -> System.out.println("[suite] " + line), false, 1,
                Map.of(), false, aot);
    }

    /**
     * The training run of the AOT cache: the suite started, a few of each operation the bench measures, stopped
     * (each service writes its cache then). Not measured.
     */
    private static void train(Path repo, AotCache aot) throws Exception {
        Path data = repo.resolve("deploy/launcher/target/bench-training-" + DateTimeFormatter.ofPattern("HHmmss")
                .format(LocalTime.now()));
        Suite suite = start(repo, data, aot);
        try (AksComputeClient client = TestSuites.client(suite)) {
            OperationsBench bench = new OperationsBench(suite, client, data, null);
            suite.azure().control("PUT", "settings", "{\"provisioningDelayMillis\":0}");
            bench.hopsAndLatency(10, "");
            bench.bursts(50);
        } finally {
            suite.close();
        }
    }

    private void run(int cycles, int burst) throws Exception {
        suite.azure().control("PUT", "settings", "{\"provisioningDelayMillis\":0}");
        footprint();
        firstAttach();
        hopsAndLatency(cycles, "");
        requestsPerOperation();
        bursts(burst);
        hopsAndLatency(cycles, " after the bursts");
    }

    /** Each service's time to ready (all four launched together) and its RSS after the start has settled. */
    private void footprint() throws Exception {
        Thread.sleep(10_000); // idle: the start's garbage collected, schedulers at rest
        report.append("**Start and footprint.** Suite up (PostgreSQL, broker, emulator, services) in ")
                .append(seconds(suite.upIn())).append("; stopped in {stop}.\n\n")
                .append("| service | ready after launch (4 together) | idle RSS | ready alone (stopped and started"
                        + " again, the others idle) |\n|---|---|---|---|\n");
        Map<String, Duration> ready = new TreeMap<>(suite.readyAfter());
        Map<String, Long> rss = new TreeMap<>();
        for (String service : ready.keySet()) {
            rss.put(service, rssMb(suite.process(service).pid()));
        }
        for (Map.Entry<String, Duration> e : ready.entrySet()) {
            suite.stop(e.getKey());
            long t0 = System.nanoTime();
            suite.restart(e.getKey());
            Duration alone = Duration.ofNanos(System.nanoTime() - t0);
            report.append("| ").append(e.getKey()).append(" | ").append(seconds(e.getValue())).append(" | ")
                    .append(rss.get(e.getKey())).append(" MB | ").append(seconds(alone)).append(" |\n");
        }
        report.append('\n');
    }

    /**
     * The first attach the services see after their start (each was just restarted alone, then left idle), with
     * the time each status event reached the client: what a start leaves cold.
     */
    private void firstAttach() throws Exception {
        suite.azure().seedCluster(RG, "first-aks", "1.32.7", 3, "Standard_D4s_v3");
        Workspace ws = client.workspace(WS);
        List<String> timeline = Collections.synchronizedList(new ArrayList<>());
        if (profileDir != null) {
            jfr("JFR.start", "name=first-attach", "settings=profile");
            Thread.sleep(10_000); // JFR's own start costs each service CPU: not the attach's
        }
        Operation op = ws.attach("first", AksCompute.attachConfiguration(RG, "first-aks")
                .clusterPurpose(ClusterPurpose.DevTest));
        // From the broker's acknowledgement: the bench client's own first publish (metadata, token) is not the
        // services' cost.
        long t0 = System.nanoTime();
        try (Operation.Listening listening = op.onEvent(e -> timeline.add(
                ms((System.nanoTime() - t0) / 1e6) + " " + label(e)))) {
            Outcome outcome = op.outcome().get(OUTCOME.toSeconds(), TimeUnit.SECONDS);
            if (!outcome.succeeded()) {
                throw new IllegalStateException("the first attach failed: " + outcome.data());
            }
        }
        double total = (System.nanoTime() - t0) / 1e6;
        jfr("JFR.stop", "name=first-attach");
        timed(() -> ws.detach("first"));
        report.append("**The first attach after a start** (every service restarted alone just before, then idle): ")
                .append(ms(total)).append(" from the broker's acknowledgement of the command to the outcome. Each ")
                .append("status event as it reached the client, after that acknowledgement: ")
                .append(String.join(" · ", timeline)).append(".\n\n");
    }

    /** A status event as a timeline names it: the step and its state, or the event's type. */
    private static String label(StatusUpdate e) {
        return e.data() != null && e.data().hasNonNull("step")
                ? e.data().get("step").asText() + " (" + e.data().path("message").asText().split(":")[0] + ")"
                : e.type();
    }

    /** Runs a JFR command of {@code jcmd} in every service when {@code --profile} asked for recordings. */
    private void jfr(String command, String... options) throws Exception {
        if (profileDir == null) {
            return;
        }
        Files.createDirectories(profileDir);
        for (String service : suite.readyAfter().keySet()) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(Suite.javaBinary()).resolveSibling("jcmd").toString(),
                    String.valueOf(suite.process(service).pid()), command));
            cmd.addAll(List.of(options));
            if (command.equals("JFR.stop")) {
                cmd.add("filename=" + profileDir.resolve(service + ".jfr"));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        }
    }

    /**
     * The raw produce-to-consume hop (acks=all) on the suite's broker, attach/detach end to end, and each status
     * event's median arrival in an attach; {@code when} names the run in its heading (empty, or " after the bursts").
     */
    private void hopsAndLatency(int cycles, String when) throws Exception {
        List<Double> hop = kafkaHop(Math.max(200, cycles * 4));
        suite.azure().seedCluster(RG, "lat-aks", "1.32.7", 3, "Standard_D4s_v3");
        Workspace ws = client.workspace(WS);
        List<Double> attach = new ArrayList<>();
        List<Double> detach = new ArrayList<>();
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        for (int i = -5; i < cycles; i++) { // five warm-up cycles, not counted
            double a = timed(() -> ws.attach("lat", AksCompute.attachConfiguration(RG, "lat-aks")
                    .clusterPurpose(ClusterPurpose.DevTest)), i >= 0 ? steps : null);
            double d = timed(() -> ws.detach("lat"));
            if (i >= 0) {
                attach.add(a);
                detach.add(d);
            }
        }
        double hop50 = percentile(hop, 50);
        report.append("**Latency").append(when)
                .append("**, command published to outcome received by the client, no TLS, zero cloud delay, ")
                .append(cycles).append(" cycles after 5 warm-up ones; the raw hop is a record produced with acks=all ")
                .append("and consumed on the same broker (an attach needs two in sequence: command, outcome).\n\n")
                .append("| | p50 | p99 | p50 / raw hops needed |\n|---|---|---|---|\n")
                .append(row("raw Kafka hop", hop, hop50, 1))
                .append(row("attach", attach, hop50, 2))
                .append(row("detach", detach, hop50, 2)).append('\n');
        List<String> median = new ArrayList<>();
        steps.forEach((event, at) -> median.add(ms(percentile(at, 50)) + " " + event));
        report.append("Where an attach's time goes: each status event's median time from publishing to its arrival ")
                .append("at the client over the counted cycles: ").append(String.join(" · ", median)).append(".\n\n");
    }

    private interface Submit {
        Operation submit();
    }

    /** Milliseconds from publishing to the outcome; a failed operation ends the run. */
    private static double timed(Submit submit) throws Exception {
        return timed(submit, null);
    }

    /** Same, and adds to {@code steps} (when not null) each status event's milliseconds from publishing. */
    private static double timed(Submit submit, Map<String, List<Double>> steps) throws Exception {
        long t0 = System.nanoTime();
        Operation op = submit.submit();
        Outcome outcome;
        try (Operation.Listening listening = steps == null ? () -> { } : op.onEvent(e -> steps.computeIfAbsent(
                label(e), k -> Collections.synchronizedList(new ArrayList<>())).add((System.nanoTime() - t0) / 1e6))) {
            outcome = op.outcome().get(OUTCOME.toSeconds(), TimeUnit.SECONDS);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!outcome.succeeded()) {
            throw new IllegalStateException(op.type().typeName() + " failed: " + outcome.data());
        }
        return ms;
    }

    private List<Double> kafkaHop(int samples) throws Exception {
        String topic = "bench.hop." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> common = new HashMap<>(suite.kafkaClientConfig());
        common.put("bootstrap.servers", suite.bootstrap());
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> p = new HashMap<>(common);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Map<String, Object> c = new HashMap<>(common);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Double> ms = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                     new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            for (int i = -20; i < samples; i++) {
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k", "v" + i));
                boolean got = false;
                while (!got) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        got |= r.value().equals("v" + i);
                    }
                }
                if (i >= 0) {
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
            }
        }
        return ms;
    }

    /** ARM and Kubernetes requests each operation made, counted at the emulator, one operation at a time. */
    private void requestsPerOperation() throws Exception {
        suite.azure().seedCluster(RG, "req-aks", "1.32.7", 3, "Standard_D4s_v3");
        Workspace ws = client.workspace(WS);
        Map<String, Map<String, Long>> perOperation = new LinkedHashMap<>();
        // A workspace's first create makes its resource group; the ones after find it there.
        perOperation.put("create (DevTest), the workspace's first", counted(() -> ws.create("req-new",
                AksCompute.provisioningConfiguration().clusterPurpose(ClusterPurpose.DevTest))));
        perOperation.put("create (DevTest), the next one", counted(() -> ws.create("req-next",
                AksCompute.provisioningConfiguration().clusterPurpose(ClusterPurpose.DevTest))));
        perOperation.put("attach", counted(() -> ws.attach("req", AksCompute.attachConfiguration(RG, "req-aks")
                .clusterPurpose(ClusterPurpose.DevTest))));
        perOperation.put("reattach", counted(() -> ws.reattach("req")));
        perOperation.put("scale (1 -> 2)", counted(() -> ws.scale("req-new", 2)));
        perOperation.put("detach", counted(() -> ws.detach("req")));
        perOperation.put("delete", counted(() -> ws.delete("req-new")));
        report.append("**Requests per operation**, counted at the emulator while only that operation ran (reads of ")
                .append("background work, such as the drift check and version sync, may add a few).\n\n")
                .append("| operation | ARM | Kubernetes | by operation id |\n|---|---|---|---|\n");
        perOperation.forEach((op, counts) -> {
            long k8s = counts.entrySet().stream().filter(e -> e.getKey().startsWith("Kubernetes_"))
                    .mapToLong(Map.Entry::getValue).sum();
            long arm = counts.values().stream().mapToLong(Long::longValue).sum() - k8s;
            List<String> parts = new ArrayList<>();
            counts.forEach((k, v) -> parts.add(k + " " + v));
            report.append("| ").append(op).append(" | ").append(arm).append(" | ").append(k8s).append(" | ")
                    .append(String.join(", ", parts)).append(" |\n");
        });
        report.append('\n');
    }

    private Map<String, Long> counted(Submit submit) throws Exception {
        suite.azure().control("DELETE", "requests", null);
        timed(submit);
        JsonNode counts = Json.MAPPER.readTree(suite.azure().control("GET", "requests", null));
        Map<String, Long> m = new TreeMap<>();
        counts.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }

    /** {@code n} attaches published at once, then {@code n} detaches. */
    private void bursts(int n) throws Exception {
        long seed0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            suite.azure().seedCluster(RG, "burst-aks-" + i, "1.32.7", 3, "Standard_D4s_v3");
        }
        System.out.printf("[bench] %d clusters seeded in %.1f s%n", n, (System.nanoTime() - seed0) / 1e9);
        Workspace ws = client.workspace(WS);
        report.append("**Bursts**: ").append(n).append(" operations published at once (one after another, as fast ")
                .append("as the client publishes), each on its own compute; latency is publish to outcome.\n\n")
                .append("| burst | operations/s | p50 | p99 | succeeded | failed | lost |\n|---|---|---|---|---|---|---|\n");
        Map<String, Duration> cpu0 = cpu();
        report.append(burst("attaches", n, i -> ws.attach("burst-" + i, AksCompute.attachConfiguration(RG,
                "burst-aks-" + i).clusterPurpose(ClusterPurpose.DevTest))));
        Map<String, Duration> cpu1 = cpu();
        report.append(burst("detaches", n, i -> ws.detach("burst-" + i)));
        Map<String, Duration> cpu2 = cpu();
        report.append("\n**Where the CPU went** during the bursts: CPU time of each process of the suite per "
                + "operation (PostgreSQL's processes summed; the bench client publishes and follows every operation).\n\n"
                + "| process | ms per attach | ms per detach |\n|---|---|---|\n");
        double attachTotal = 0;
        double detachTotal = 0;
        for (String process : cpu2.keySet()) {
            double attach = millis(cpu0, cpu1, process) / n;
            double detach = millis(cpu1, cpu2, process) / n;
            attachTotal += attach;
            detachTotal += detach;
            report.append(String.format("| %s | %.1f | %.1f |%n", process, attach, detach));
        }
        report.append(String.format("| all | %.1f | %.1f |%n%n", attachTotal, detachTotal));
    }

    private static double millis(Map<String, Duration> from, Map<String, Duration> to, String process) {
        return to.getOrDefault(process, Duration.ZERO).minus(from.getOrDefault(process, Duration.ZERO)).toNanos() / 1e6;
    }

    /** CPU time so far of each process of the suite, by what it is. */
    private Map<String, Duration> cpu() {
        Map<Long, String> services = new HashMap<>();
        suite.readyAfter().keySet().forEach(name -> services.put(suite.process(name).pid(), name));
        Map<String, Duration> by = new TreeMap<>();
        // pg_ctl detaches PostgreSQL from the bench: its server is found by its data directory, with its backends.
        String pgData = data.resolve("postgres").toString();
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(pgData))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .forEach(p -> by.merge("PostgreSQL", p.info().totalCpuDuration().orElse(Duration.ZERO),
                        Duration::plus));
        ProcessHandle.current().descendants().forEach(p -> {
            String command = p.info().commandLine().orElse("");
            String what = services.containsKey(p.pid()) ? services.get(p.pid())
                    : command.contains("kafka.Kafka") ? "Kafka broker"
                    : command.contains("AzureEmulatorMain") ? "Azure emulator" : null;
            if (what != null) {
                by.merge(what, p.info().totalCpuDuration().orElse(Duration.ZERO), Duration::plus);
            }
        });
        by.put("bench client", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        return by;
    }

    private String burst(String what, int n, Function<Integer, Operation> submit) throws Exception {
        List<CompletableFuture<long[]>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long published = System.nanoTime();
            done.add(submit.apply(i).outcome().thenApply(o -> new long[] {published, System.nanoTime(),
                    o.succeeded() ? 1 : 0}));
        }
        List<Double> latency = Collections.synchronizedList(new ArrayList<>());
        int succeeded = 0;
        int failed = 0;
        int lost = 0;
        long last = t0;
        Instant deadline = Instant.now().plus(OUTCOME);
        for (CompletableFuture<long[]> f : done) {
            try {
                long[] r = f.get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                        TimeUnit.MILLISECONDS);
                latency.add((r[1] - r[0]) / 1e6);
                last = Math.max(last, r[1]);
                if (r[2] == 1) {
                    succeeded++;
                } else {
                    failed++;
                }
            } catch (java.util.concurrent.TimeoutException e) {
                lost++;
            }
        }
        double seconds = (last - t0) / 1e9;
        System.out.printf("[bench] %s burst of %d: %.1f s%n", what, n, seconds);
        return String.format("| %d %s | %.1f | %s | %s | %d | %d | %d |%n", n, what,
                succeeded / Math.max(seconds, 1e-9), ms(percentile(latency, 50)), ms(percentile(latency, 99)),
                succeeded, failed, lost);
    }

    private static String row(String what, List<Double> samples, double hop50, int hops) {
        double p50 = percentile(samples, 50);
        return String.format("| %s | %s | %s | %.1f |%n", what, ms(p50), ms(percentile(samples, 99)),
                p50 / (hop50 * hops));
    }

    static double percentile(List<Double> samples, int p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String ms(double ms) {
        return ms >= 1000 ? String.format("%.1f s", ms / 1000) : String.format("%.1f ms", ms);
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toNanos() / 1e9);
    }

    private static long rssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static String loadAverage() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-write") || args[i].equals("--aot-cache")) {
                m.put(args[i], "");
            } else if (i + 1 < args.length) {
                m.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("no value for " + args[i]);
            }
        }
        return m;
    }
}
