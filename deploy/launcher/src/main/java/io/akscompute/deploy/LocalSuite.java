package io.akscompute.deploy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The local suite: a real Kafka broker and PostgreSQL, then every service as its own process, each waited
 * for until healthy; then the demo; then it stays up until Ctrl-C, which stops everything in reverse order.
 */
@Command(name = "run-local", mixinStandardHelpOptions = true,
        description = "Starts the akscompute suite on this machine (Kafka, PostgreSQL, all services) and runs a demo.")
public class LocalSuite implements Callable<Integer> {

    @Option(names = "--repo", description = "Root of the akscompute checkout (default: ${DEFAULT-VALUE}).",
            defaultValue = ".")
    Path repo;

    @Option(names = "--data-dir", description = "Where broker, database and logs keep their data (default: <repo>/.akscompute).")
    Path dataDir;

    @Option(names = "--no-demo", description = "Start the suite and keep it up, without the demo.")
    boolean noDemo;

    @Option(names = "--exit-after-demo", description = "Stop the suite once the demo has run (for scripted checks).")
    boolean exitAfterDemo;

    private final List<ManagedProcess> processes = Collections.synchronizedList(new ArrayList<>());
    private PostgresServer postgres;

    public static void main(String[] args) {
        // zonky and the Kafka client log through slf4j-simple; their INFO lines drown the suite's own output.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // The admin client warns on every refused connection while the broker starts.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        System.exit(new CommandLine(new LocalSuite())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    System.err.println("run-local failed: " + e.getMessage());
                    return 1;
                })
                .execute(args));
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public Integer call() throws Exception {
        repo = repo.toAbsolutePath().normalize();
        Path data = dataDir == null ? repo.resolve(".akscompute") : dataDir.toAbsolutePath();
        Path logs = java.nio.file.Files.createDirectories(data.resolve("logs"));
        checkPortsFree();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll();
            stopped.countDown();
        }, "suite-stop"));

        long t0 = System.nanoTime();
        step("PostgreSQL", () -> postgres = PostgresServer.start(data.resolve("postgres"),
                ServiceProcess.ALL.stream().map(ServiceProcess::database).toList()));
        say("  PostgreSQL    jdbc:postgresql://localhost:" + PostgresServer.PORT + "/<service>  (user postgres)");
        step("Kafka broker", () -> processes.add(new KafkaBrokerProcess(data.resolve("kafka"),
                repo.resolve("deploy/kafka-broker/target/lib")).start(logs)));
        say("  Kafka         " + KafkaBrokerProcess.BOOTSTRAP);
        AzureEmulatorProcess azure = new AzureEmulatorProcess(data.resolve("azure"),
                repo.resolve("deploy/azure-emulator"));
        step("Azure emulator", () -> processes.add(azure.start(logs)));
        say("  Azure         " + AzureEmulatorProcess.ENDPOINT + "  (control API " + AzureEmulatorProcess.ENDPOINT
                + "_emulator/info, trust " + repo.relativize(azure.caPem()) + ")");
        say("                clusters to attach: " + AzureEmulatorProcess.PROD_RG + "/" + AzureEmulatorProcess.PROD_CLUSTER
                + " (production), " + AzureEmulatorProcess.PROD_RG + "/" + AzureEmulatorProcess.OLD_CLUSTER
                + " (Kubernetes 1.27.9, no longer supported)");
        LocalSecrets secrets = new LocalSecrets(data.resolve("secrets"));
        List<ManagedProcess> services = new ArrayList<>();
        for (ServiceProcess s : ServiceProcess.ALL) {
            java.util.Map<String, String> settings = new java.util.HashMap<>(azure.serviceSettings());
            settings.put("kafka.bootstrap.servers", KafkaBrokerProcess.BOOTSTRAP);
            settings.put("quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://localhost:" + PostgresServer.PORT + "/" + s.database());
            java.util.Map<String, String> env = s.name().equals("tls-manager") ? secrets.tlsManagerEnvironment()
                    : java.util.Map.of();
            ManagedProcess p = s.start(repo, logs, settings, env);
            processes.add(p);
            services.add(p);
        }
        for (int i = 0; i < services.size(); i++) {
            ServiceProcess s = ServiceProcess.ALL.get(i);
            ManagedProcess p = services.get(i);
            step(s.name(), () -> s.awaitReady(p, Duration.ofSeconds(180)));
            say(String.format("  %-13s %s  (health %s/q/health, OpenAPI %s/q/openapi, log %s)", s.name(), s.url(),
                    s.url(), s.url(), repo.relativize(p.log())));
        }
        say("  tls-manager's /certificates need basic auth: user " + LocalSecrets.OPERATOR + ", password in "
                + repo.relativize(secrets.passwordFile()));
        say(String.format("suite up in %.1f s", (System.nanoTime() - t0) / 1e9));

        if (!noDemo) {
            new Demo(KafkaBrokerProcess.BOOTSTRAP).run();
        }
        if (exitAfterDemo) {
            return 0;
        }
        say("\nThe suite is up. Publish commands to aks.commands on " + KafkaBrokerProcess.BOOTSTRAP
                + " and read aks.status; Ctrl-C stops everything.");
        stopped.await();
        return 0;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(String what, Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        say(String.format("started %-15s %5.1f s", what, (System.nanoTime() - t0) / 1e9));
    }

    private static void checkPortsFree() {
        List<Integer> ports = new ArrayList<>(List.of(KafkaBrokerProcess.PORT, KafkaBrokerProcess.CONTROLLER_PORT,
                PostgresServer.PORT, AzureEmulatorProcess.PORT));
        ServiceProcess.ALL.forEach(s -> ports.add(s.port()));
        for (int port : ports) {
            try (ServerSocket ignored = new ServerSocket(port)) {
                // free
            } catch (Exception e) {
                throw new IllegalStateException("port " + port + " is in use: is another suite still running?");
            }
        }
    }

    private synchronized void stopAll() {
        List<ManagedProcess> reverse = new ArrayList<>(processes);
        Collections.reverse(reverse);
        for (ManagedProcess p : reverse) {
            say("stopping " + p.name());
            p.stop();
        }
        processes.clear();
        if (postgres != null) {
            try {
                say("stopping PostgreSQL");
                postgres.close();
            } catch (Exception e) {
                say("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }

    static void say(String line) {
        System.out.println(line);
    }
}
