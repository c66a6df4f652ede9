package io.akscompute.deploy;

import io.akscompute.common.identity.LocalSignIn;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole suite as separate processes from the built artifacts: PostgreSQL (one database per service), the
 * Kafka broker, the Azure emulator, then the four services, each waited for until healthy. Used by
 * {@link LocalSuite} and by the end-to-end tests, which can kill a service and start it again.
 */
final class Suite implements AutoCloseable {
    private final Path repo;
    private final Path data;
    private final SuitePorts ports;
    private final Consumer<String> say;
    private final List<ManagedProcess> infrastructure = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ManagedProcess> running = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AzureEmulatorProcess azure;
    private final LocalSecrets secrets;
    private PostgresServer postgres;
    private KafkaBrokerProcess broker;
    private ManagedProcess brokerProcess;

    private final boolean secure;
    private final int replicas;
    private List<ServiceProcess> services;
    /** The second and further replica of each service, when the suite runs more than one. */
    private List<ServiceProcess> moreReplicas = List.of();
    /** How long each service process took from its launch to ready, all launched together; and the whole suite. */
    private final Map<String, Duration> readyAfter = Collections.synchronizedMap(new LinkedHashMap<>());
    private Duration upIn;
    /** Settings of one service over the suite's own, from its next start on (a test's shorter interval). */
    private final Map<String, Map<String, String>> overrides = Collections.synchronizedMap(new HashMap<>());
    /** Settings of every service over the suite's own (a test's trace exporter). */
    private final Map<String, String> everyService;
    /** Whether the web console and the sign-in it uses run too. */
    private final boolean withConsole;
    private ServiceProcess console;
    /** The JDK's AOT cache every service starts with; null: none. */
    private final AotCache aot;
    private LocalSignIn signIn;
    /** Set by the first {@link #close()}: nothing starts after it. */
    private boolean closing;

    private Suite(Path repo, Path data, SuitePorts ports, Consumer<String> say, boolean secure, int replicas,
            Map<String, String> everyService, boolean withConsole, AotCache aot) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1");
        }
        this.replicas = replicas;
        this.withConsole = withConsole;
        this.aot = aot;
        this.everyService = Map.copyOf(everyService);
        this.repo = repo;
        this.data = data;
        this.ports = ports;
        this.say = say;
        this.secure = secure;
        this.azure = new AzureEmulatorProcess(data.resolve("azure"), repo, ports.azure(), aot);
        this.secrets = new LocalSecrets(data.resolve("secrets"));
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts everything; on failure stops what had started and rethrows. */
    static Suite start(Path repo, Path data, SuitePorts ports, Consumer<String> say) throws Exception {
        return start(repo, data, ports, say, false);
    }

    /**
     * The same; {@code secure}: the broker listens with SASL_SSL (SCRAM-SHA-512 over TLS) only, and every Kafka
     * client of the suite (services, CLI, tests) uses it.
     */
    static Suite start(Path repo, Path data, SuitePorts ports, Consumer<String> say, boolean secure)
            throws Exception {
        return start(repo, data, ports, say, secure, 1);
    }

    /** The same with {@code replicas} instances of every service, all on the one broker and PostgreSQL. */
    static Suite start(Path repo, Path data, SuitePorts ports, Consumer<String> say, boolean secure, int replicas)
            throws Exception {
        return start(repo, data, ports, say, secure, replicas, Map.of());
    }

    /** The same with these settings for every service (and every replica, and every restart) and the console. */
    static Suite start(Path repo, Path data, SuitePorts ports, Consumer<String> say, boolean secure, int replicas,
            Map<String, String> everyService) throws Exception {
        return start(repo, data, ports, say, secure, replicas, everyService, false);
    }

    /** The same, and with {@code withConsole} the web console and the suite's sign-in for it. */
    static Suite start(Path repo, Path data, SuitePorts ports, Consumer<String> say, boolean secure, int replicas,
            Map<String, String> everyService, boolean withConsole) throws Exception {
        return start(repo, data, ports, say, secure, replicas, everyService, withConsole, null);
    }

    /** The same, and with {@code aot} (may be null) every service on the JDK's AOT cache, trained on its first run. */
    static Suite start(Path repo, Path data, SuitePorts ports, Consumer<String> say, boolean secure, int replicas,
            Map<String, String> everyService, boolean withConsole, AotCache aot) throws Exception {
        return prepare(repo, data, ports, say, secure, replicas, everyService, withConsole, aot).start();
    }

    /**
     * The suite, not started yet: its launcher can register {@link #close()} to run on its own stop first, so that
     * a Ctrl-C while the suite starts stops what has started (every child runs in a session of its own).
     */
    static Suite prepare(Path repo, Path data, SuitePorts ports, Consumer<String> say, boolean secure, int replicas,
            Map<String, String> everyService, boolean withConsole, AotCache aot) {
        return new Suite(repo.toAbsolutePath().normalize(), data.toAbsolutePath().normalize(), ports, say,
                secure, replicas, everyService, withConsole, aot);
    }

    /** Starts every process; when one fails to start, or the suite is closed meanwhile, stops the ones started. */
    Suite start() throws Exception {
        try {
            startAll();
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        checkPortsFree();
        Path logs = logs();
        Files.createDirectories(logs);
        long t0 = System.nanoTime();
        Path ca = secrets.tls().caPem();
        services = ports.services().stream().map(sp -> sp.withCa(ca)).toList();
        step("PostgreSQL", () -> unlessClosed(this::startPostgres));
        say.accept("  PostgreSQL    jdbc:postgresql://localhost:" + ports.postgres() + "/<service>  (user postgres)");
        broker = new KafkaBrokerProcess(data.resolve("kafka"), repo, ports.kafka(), ports.kafkaController(),
                secure ? secrets.kafkaSecurity() : null, kafkaClientConfig(), aot);
        step("Kafka broker", () -> unlessClosed(this::startBroker));
        say.accept("  Kafka         " + bootstrap() + (secure ? "  (SASL_SSL, SCRAM-SHA-512; client settings in "
                + relative(secrets.kafkaClientProperties()) + ")" : ""));
        step("Azure emulator", () -> unlessClosed(() -> infrastructure.add(azure.start(logs))));
        say.accept("  Azure         " + azure.endpoint() + "  (control API " + azure.endpoint()
                + "_emulator/info, trust " + relative(azure.caPem()) + ")");
        say.accept("                clusters to attach: " + AzureEmulatorProcess.PROD_RG + "/"
                + AzureEmulatorProcess.PROD_CLUSTER + " (production), " + AzureEmulatorProcess.PROD_RG + "/"
                + AzureEmulatorProcess.OLD_CLUSTER + " (Kubernetes 1.27.9, no longer supported)");
        List<ServiceProcess> extra = new ArrayList<>();
        List<Integer> replicaPorts = SuitePorts.free((replicas - 1) * services.size());
        for (int r = 1; r < replicas; r++) {
            for (ServiceProcess s : services) {
                extra.add(s.replica(r, replicaPorts.get(extra.size())));
            }
        }
        moreReplicas = List.copyOf(extra);
        // All start at once (their JVMs warm up in parallel), then each is waited for.
        List<ServiceProcess> all = new ArrayList<>(services);
        all.addAll(moreReplicas);
        long launched = System.nanoTime();
        for (ServiceProcess s : all) {
            unlessClosed(() -> running.put(s.processName(), launch(s)));
        }
        for (ServiceProcess s : all) {
            ManagedProcess p = running.get(s.processName());
            step(s.processName(), () -> s.awaitReady(p, Duration.ofSeconds(240)));
            readyAfter.putIfAbsent(s.processName(), Duration.ofNanos(System.nanoTime() - launched));
            say.accept(String.format("  %-13s %s  (health %s/q/health, OpenAPI %s/q/openapi, log %s)",
                    s.processName(), s.url(), s.url(), s.url(), relative(p.log())));
        }
        if (withConsole) {
            startConsole(ca);
        }
        say.accept("  identity      every call needs a bearer token of the suite's issuer: cli/akscompute login "
                + "--local-issuer " + relative(secrets.issuerKey()));
        say.accept("  HTTPS         the services' certificate is issued by " + relative(ca)
                + " (cli/akscompute --ca-file, env AKSCOMPUTE_CA_FILE)");
        upIn = Duration.ofNanos(System.nanoTime() - t0);
        say.accept(String.format("suite up in %.1f s", upIn.toNanos() / 1e9));
    }

    /**
     * The suite's sign-in (an OpenID Connect provider in this process, signing with the suite's issuer key) and
     * the console, which signs its users in there and acts with their tokens.
     */
    private void startConsole(Path ca) throws Exception {
        String redirect = "https://localhost:" + ports.console() + "/signed-in";
        signIn = LocalSignIn.start(secrets.issuer(), new InetSocketAddress("localhost", ports.signIn()),
                secrets.tls().serverSslContext(),
                new LocalSignIn.Client(CONSOLE_CLIENT, secrets.consoleClientSecret(), List.of(redirect)),
                secrets.consoleUsers());
        console = ports.consoleProcess().withCa(ca);
        Map<String, String> settings = new HashMap<>(Map.of(
                "akscompute.console.bootstrap-servers", bootstrap(),
                "akscompute.console.version-catalog-url", service("version-catalog").url(),
                "akscompute.console.provisioner-url", service("provisioner").url(),
                "akscompute.console.attacher-url", service("attacher").url(),
                "akscompute.console.tls-manager-url", service("tls-manager").url(),
                "akscompute.console.ca-file", ca.toString(),
                "quarkus.oidc.auth-server-url", signIn.baseUri().toString(),
                "quarkus.oidc.client-id", CONSOLE_CLIENT,
                "quarkus.oidc.tls.tls-configuration-name", "suite",
                "quarkus.tls.suite.trust-store.pem.certs", ca.toString()));
        if (secure) {
            settings.put("akscompute.console.kafka-config-file", secrets.kafkaClientProperties().toString());
        }
        settings.putAll(everyService);
        Map<String, String> env = new java.util.HashMap<>(LocalSecrets.https(secrets.tls()));
        env.put("QUARKUS_OIDC_CREDENTIALS_SECRET", secrets.consoleClientSecret());
        unlessClosed(() -> running.put(console.processName(), console.start(repo, logs(), settings, env, aot)));
        ManagedProcess p = running.get(console.processName());
        step("console", () -> console.awaitReady(p, Duration.ofSeconds(240)));
        say.accept("  console       " + console.url() + "  (sign in as " + LocalSecrets.CONSOLE_ADMIN
                + ", every workspace, password in " + relative(secrets.consolePasswordFile(LocalSecrets.CONSOLE_ADMIN))
                + "; or " + LocalSecrets.CONSOLE_READER + ", reader of demo, password in "
                + relative(secrets.consolePasswordFile(LocalSecrets.CONSOLE_READER)) + "; sign-in at "
                + signIn.baseUri() + ")");
    }

    static final String CONSOLE_CLIENT = "akscompute-console";

    /** The console as this suite runs it; null unless started with it. */
    ServiceProcess console() {
        return console;
    }

    private ManagedProcess launch(ServiceProcess s) throws IOException {
        Map<String, String> settings = new HashMap<>(azure.serviceSettings());
        settings.put("kafka.bootstrap.servers", bootstrap());
        if (secure) {
            // The Kafka password stays off the command line: in a file Quarkus reads as more configuration.
            settings.put("quarkus.config.locations", secrets.kafkaServiceProperties().toUri().toString());
        }
        settings.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + ports.postgres() + "/" + s.database());
        settings.putAll(everyService);
        settings.putAll(overrides.getOrDefault(s.name(), Map.of()));
        Map<String, String> env = new HashMap<>(secrets.serviceEnvironment());
        if (s.name().equals("tls-manager")) {
            env.putAll(secrets.tlsManagerEnvironment());
        }
        return s.start(repo, logs(), settings, env, aot);
    }

    Path repo() {
        return repo;
    }

    Path logs() {
        return data.resolve("logs");
    }

    SuitePorts ports() {
        return ports;
    }

    String bootstrap() {
        return ports.bootstrap();
    }

    AzureEmulatorProcess azure() {
        return azure;
    }

    LocalSecrets secrets() {
        return secrets;
    }

    /** The four services, in start order, as this suite runs them (HTTPS with the suite's CA). */
    List<ServiceProcess> services() {
        return services;
    }

    boolean secure() {
        return secure;
    }

    /** What a Kafka client needs besides the bootstrap servers to reach this suite's broker. */
    Map<String, Object> kafkaClientConfig() throws IOException {
        return secure ? secrets.kafkaClientConfig() : Map.of();
    }

    ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    ManagedProcess process(String service) {
        return running.get(service);
    }

    /** The replicas of every service beyond the first, in start order. */
    List<ServiceProcess> moreReplicas() {
        return moreReplicas;
    }

    /** SIGKILL of one replica ({@code attacher-2}, or {@code attacher} for the first). */
    void killReplica(String processName) throws InterruptedException {
        kill(processName);
    }

    /** SIGKILL, as when the machine under a service dies. */
    void kill(String service) throws InterruptedException {
        ManagedProcess p = running.get(service);
        p.kill();
        if (p.isAlive()) {
            throw new IllegalStateException(service + " survived SIGKILL");
        }
    }

    /** SIGTERM, and waits until it has stopped: a service shut down as an operator would. */
    void stop(String service) {
        running.get(service).stop();
    }

    /** These settings for the service from its next (re)start on, over the suite's own. */
    void configure(String service, Map<String, String> settings) {
        overrides.put(service, Map.copyOf(settings));
    }

    /**
     * When each service was ready, counted from their common launch (a service whose readiness was polled after
     * an earlier one's counts no earlier than that poll), and the whole start with PostgreSQL, broker and emulator.
     */
    Map<String, Duration> readyAfter() {
        return Map.copyOf(readyAfter);
    }

    Duration upIn() {
        return upIn;
    }

    /** Starts a (killed or stopped) service again, with the same settings, and waits until it is ready. */
    void restart(String service) throws Exception {
        ServiceProcess s = service(service);
        ManagedProcess p = launch(s);
        running.put(service, p);
        s.awaitReady(p, Duration.ofSeconds(180));
    }

    /** Starts PostgreSQL (again) on its port with its data: a restart keeps every database. */
    void startPostgres() throws Exception {
        postgres = PostgresServer.start(data.resolve("postgres"), ports.postgres(),
                ports.services().stream().map(ServiceProcess::database).toList());
    }

    /** A connection to that service database of the suite's PostgreSQL. */
    java.sql.Connection database(String name) throws java.sql.SQLException {
        return postgres.connect(name);
    }

    /** Stops PostgreSQL, as an outage of the database does; the services stay up. */
    void stopPostgres() throws IOException {
        postgres.close();
        postgres = null;
    }

    /** Starts the broker (again) with its data: topics and records survive a restart. */
    void startBroker() throws Exception {
        brokerProcess = broker.start(logs());
    }

    /** Stops the broker gently, as an outage of Kafka does; the services stay up. */
    void stopBroker() {
        brokerProcess.stop();
        brokerProcess = null;
    }

    /** What the CLI needs to find this suite, as environment variables. */
    Map<String, String> cliEnvironment() throws IOException {
        Map<String, String> env = new HashMap<>(Map.of(
                "AKSCOMPUTE_CA_FILE", secrets.tls().caPem().toString(),
                "AKSCOMPUTE_BOOTSTRAP_SERVERS", bootstrap(),
                "AKSCOMPUTE_VERSION_CATALOG_URL", service("version-catalog").url(),
                "AKSCOMPUTE_PROVISIONER_URL", service("provisioner").url(),
                "AKSCOMPUTE_ATTACHER_URL", service("attacher").url(),
                "AKSCOMPUTE_TLS_MANAGER_URL", service("tls-manager").url(),
                "AKSCOMPUTE_TOKEN", secrets.adminToken()));
        if (secure) {
            env.put("AKSCOMPUTE_KAFKA_CONFIG", secrets.kafkaClientProperties().toString());
        }
        return env;
    }

    /** {@code cli/akscompute} with these arguments, pointed at this suite; the caller decides where output goes. */
    ProcessBuilder cli(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(repo.resolve("cli/akscompute").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(cliEnvironment());
        return pb;
    }

    private String relative(Path p) {
        return p.startsWith(repo) ? repo.relativize(p).toString() : p.toString();
    }

    private interface Step {
        void run() throws Exception;
    }

    /**
     * Starts a process and keeps it among the suite's, unless the suite is closed or closing: under the lock
     * {@link #close()} takes, so a process is either stopped by it or never started.
     */
    private synchronized void unlessClosed(Step start) throws Exception {
        if (closing) {
            throw new IllegalStateException("the suite was stopped while it started");
        }
        start.run();
    }

    private void step(String what, Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        say.accept(String.format("started %-15s %5.1f s", what, (System.nanoTime() - t0) / 1e9));
    }

    private void checkPortsFree() {
        for (int port : ports.all()) {
            try (ServerSocket ignored = new ServerSocket(port)) {
                // free
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " is in use: is another suite still running?");
            }
        }
    }

    /**
     * Stops everything in reverse order: the services first, all at once (each finishes its work against a database
     * and broker still there), then the emulator, the broker and PostgreSQL.
     */
    @Override
    public synchronized void close() {
        closing = true;
        List<ManagedProcess> services = new ArrayList<>(running.values());
        services.forEach(p -> say.accept("stopping " + p.name()));
        // A thread each: the common pool may run these one after another (on two cores JDK 25 does).
        List<Thread> stopping = services.stream().map(p -> new Thread(p::stop, "stop-" + p.name())).toList();
        stopping.forEach(Thread::start);
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<ManagedProcess> reverse = new ArrayList<>();
        if (brokerProcess != null) {
            reverse.add(brokerProcess);
        }
        reverse.addAll(infrastructure);
        Collections.reverse(reverse);
        for (ManagedProcess p : reverse) {
            say.accept("stopping " + p.name());
            p.stop();
        }
        infrastructure.clear();
        running.clear();
        if (signIn != null) {
            signIn.close();
            signIn = null;
        }
        brokerProcess = null;
        if (postgres != null) {
            try {
                say.accept("stopping PostgreSQL");
                postgres.close();
            } catch (IOException e) {
                say.accept("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }
}
