package io.akscompute.deploy;

import io.akscompute.common.contract.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Apache Kafka's own broker (KRaft, combined broker + controller) as a separate process on localhost: a plain
 * listener, or with {@code security} one SASL_SSL listener only (SCRAM-SHA-512 over TLS), its users created when
 * the log directory is formatted.
 */
final class KafkaBrokerProcess {
    /** The broker's process name: its log file and its AOT cache are named after it. */
    static final String NAME = "kafka";
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private final Path dataDir;
    private final Path classpathDir;
    private final int port;
    private final int controllerPort;
    private final LocalSecrets.KafkaSecurity security;
    private final Map<String, Object> clientConfig;
    /** The JDK's AOT cache the broker starts with; null: none. */
    private final AotCache aot;
    private ManagedProcess process;

    KafkaBrokerProcess(Path dataDir, Path repo, int port, int controllerPort,
            LocalSecrets.KafkaSecurity security, Map<String, Object> clientConfig, AotCache aot) {
        this.dataDir = dataDir;
        this.classpathDir = classpath(repo);
        this.aot = aot;
        this.port = port;
        this.controllerPort = controllerPort;
        this.security = security;
        this.clientConfig = clientConfig;
    }

    /** The directory of the broker's jars, written by the build of deploy/kafka-broker. */
    static Path classpath(Path repo) {
        return repo.resolve("deploy/kafka-broker/target/lib");
    }

    String bootstrap() {
        return "localhost:" + port;
    }

    ManagedProcess start(Path logDir) throws IOException, InterruptedException {
        if (!Files.isDirectory(classpathDir)) {
            throw new IllegalStateException("broker classpath " + classpathDir + " is missing; build first (mvn install)");
        }
        Files.createDirectories(dataDir);
        Path config = writeConfig();
        Path log4j = writeLog4j();
        if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
            // Format once; later starts keep the topics and their records.
            String clusterId = Uuid.randomUuid().toString();
            List<String> format = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString()));
            if (security != null) {
                format.addAll(List.of("--add-scram", scramUser("broker", security.brokerPassword()),
                        "--add-scram", scramUser(security.clientUser(), security.clientPassword())));
            }
            Process formatting = new ProcessBuilder(java("kafka.tools.StorageTool", log4j,
                    format.toArray(String[]::new))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("kafka-format.log").toFile()))
                    .start();
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed; see "
                        + logDir.resolve("kafka-format.log"));
            }
        }
        List<String> aotOptions = aot == null ? List.of() : aot.jvmOptions(NAME, classpathDir);
        List<String> command = java("kafka.Kafka", log4j, config.toString());
        command.addAll(1, aotOptions);
        process = ManagedProcess.start(NAME, command, Map.of(), logDir, AotCache.stopGrace(aotOptions));
        awaitReady();
        createTopics();
        return process;
    }

    private List<String> java(String mainClass, Path log4j, String... args) {
        // C1 only, as the services: the broker starts on a third less CPU (docs/benchmarks.md).
        List<String> cmd = new ArrayList<>(List.of(Suite.javaBinary(), "-Xmx512m", "-Xms256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + log4j,
                "-cp", classpathDir.toAbsolutePath() + "/*", mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Path writeConfig() throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        String listener = security == null ? "PLAINTEXT" : "SASL_SSL";
        p.setProperty("listeners", listener + "://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", listener + "://localhost:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", listener);
        p.setProperty("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
        if (security != null) {
            p.setProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            p.setProperty("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
            p.setProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", SCRAM
                    + " required username=\"broker\" password=\"" + security.brokerPassword() + "\";");
            p.setProperty("ssl.keystore.type", "PKCS12");
            p.setProperty("ssl.keystore.location", security.keystore().toAbsolutePath().toString());
            p.setProperty("ssl.keystore.password", security.keystorePassword());
            p.setProperty("ssl.key.password", security.keystorePassword());
            p.setProperty("ssl.truststore.type", "PEM");
            p.setProperty("ssl.truststore.location", String.valueOf(clientConfig.get("ssl.truststore.location")));
        }
        p.setProperty("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
        p.setProperty("num.partitions", "3");
        // One node: internal topics cannot have more than one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics as code (Topics.all()): a client asking for a topic that is not defined gets an error.
        p.setProperty("auto.create.topics.enable", "false");
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "written by the akscompute local suite");
        }
        // It holds the broker's SCRAM password with --secure.
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Path writeLog4j() throws IOException {
        Path file = dataDir.resolve("log4j2.properties");
        Files.writeString(file, """
                rootLogger.level = WARN
                rootLogger.appenderRef.stdout.ref = STDOUT
                appender.stdout.type = Console
                appender.stdout.name = STDOUT
                appender.stdout.layout.type = PatternLayout
                appender.stdout.layout.pattern = [%d] %p %m (%c)%n
                logger.kafka.name = kafka.server.KafkaRaftServer
                logger.kafka.level = INFO
                """);
        return file;
    }

    private static String scramUser(String name, String password) {
        return "SCRAM-SHA-512=[name=" + name + ",password=" + password + "]";
    }

    private Admin admin() {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
        return Admin.create(config);
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited:\n" + process.tail(30));
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                Thread.sleep(500); // polling a process that is starting: nothing to wait on but time
            }
        }
        throw new IllegalStateException("the Kafka broker did not become ready in 90 s:\n" + process.tail(30));
    }

    /** Every topic of the definitions in common/contracts; the broker creates none by itself. */
    private void createTopics() throws InterruptedException {
        try (Admin admin = admin()) {
            Topics.create(admin, Duration.ofSeconds(60));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create akscompute's topics", e);
        }
    }
}
