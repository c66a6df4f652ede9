package io.akscompute.client;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.TrustedCa;
import io.akscompute.common.contract.VersionListing;
import java.io.IOException;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * akscompute for a Java program: commands go to {@code aks.commands}, each returns an {@link Operation} that follows
 * {@code aks.status}; the Kubernetes versions come from version-catalog's REST API.
 *
 * <pre>{@code
 * try (AksComputeClient client = AksComputeClient.builder().fromEnvironment().build()) {
 *     Operation op = client.workspace("ws1").create("myaks", AksCompute.provisioningConfiguration()
 *             .clusterPurpose(ClusterPurpose.DevTest).location("westus").enableSsl("myaks"));
 *     Outcome outcome = op.waitForCompletion(true);
 * }
 * }</pre>
 *
 * Thread-safe; one client per program is enough. Closing it abandons the operations still followed.
 */
public final class AksComputeClient implements AutoCloseable {
    private final ClientSettings settings;
    private final ServiceApi versionCatalog;
    private CommandPublisher publisher;
    private StatusFollower follower;
    private boolean closed;

    private AksComputeClient(ClientSettings settings) {
        this.settings = settings;
        this.versionCatalog = new ServiceApi("version-catalog", settings.versionCatalogUrl(), settings.trust(),
                settings.token());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The commands of one workspace. */
    public Workspace workspace(String name) {
        return new Workspace(this, name);
    }

    /**
     * Publishes the command and follows it from before it is published, so that no event of it is missed; any
     * command of {@link CommandType}.
     */
    public Operation submit(Command command) {
        CommandType type = CommandType.of(command.getClass())
                .orElseThrow(() -> new IllegalArgumentException(command.getClass() + " is not a command"));
        Operation operation = new Operation(UUID.randomUUID(), type, command.key(), settings.operationTimeout());
        StatusFollower statusFollower = follower();
        statusFollower.follow(operation);
        try {
            publisher().publish(operation.id(), command);
        } catch (RuntimeException e) {
            statusFollower.forget(operation.id());
            throw e;
        }
        return operation;
    }

    /** Publishes the command without following it; the id finds it later on {@code aks.status}. */
    public UUID publish(Command command) {
        UUID id = UUID.randomUUID();
        publisher().publish(id, command);
        return id;
    }

    /** Every status event from now on, of every compute; close it when done. */
    public StatusFeed watch() {
        return StatusFeed.openAtEnd(settings);
    }

    /** The Kubernetes versions a location offers, newest first, with the default a create takes. */
    public VersionListing versions(String location) {
        String body = versionCatalog.body(versionCatalog.get("/versions?location=" + encode(location)),
                "versions of " + location);
        try {
            return Json.MAPPER.readValue(body, VersionListing.class);
        } catch (IOException e) {
            throw new AksComputeException("version-catalog answered what is not a version listing: "
                    + e.getMessage(), false);
        }
    }

    /** The same versions as the table {@code az aks get-versions -o table} prints. */
    public String versionsTable(String location) {
        return versionCatalog.body(versionCatalog.get("/versions?location=" + encode(location) + "&output=table"),
                "versions of " + location);
    }

    /** version-catalog's REST API, with this client's token and trust, for the reads this class has no method for. */
    public ServiceApi versionCatalog() {
        return versionCatalog;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private synchronized CommandPublisher publisher() {
        checkOpen();
        if (publisher == null) {
            publisher = new CommandPublisher(settings);
        }
        return publisher;
    }

    private synchronized StatusFollower follower() {
        checkOpen();
        if (follower == null) {
            follower = new StatusFollower(settings);
        }
        return follower;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (follower != null) {
            follower.close();
        }
        if (publisher != null) {
            publisher.close();
        }
    }

    /** Where akscompute is and how to prove who you are. */
    public static final class Builder {
        /** What a local suite started from the working directory leaves for its clients. */
        public static final String LOCAL_CA = ".akscompute/secrets/tls/ca.pem";
        public static final String LOCAL_KAFKA_CONFIG = ".akscompute/secrets/kafka-client.properties";

        private String bootstrapServers = "localhost:9092";
        private final Map<String, Object> kafkaConfig = new HashMap<>();
        private Supplier<String> token = () -> null;
        private String versionCatalogUrl = "https://localhost:8081";
        private SSLContext trust;
        private Duration kafkaTimeout = Duration.ofSeconds(10);
        private Duration operationTimeout = Duration.ofMinutes(30);
        private String source = "/akscompute/client";
        private Supplier<String> traceparent = () -> null;

        private Builder() {
        }

        /**
         * The settings the CLI reads too: {@code AKSCOMPUTE_BOOTSTRAP_SERVERS}, {@code AKSCOMPUTE_VERSION_CATALOG_URL},
         * {@code AKSCOMPUTE_TOKEN} (else the token {@code akscompute login} saved), {@code AKSCOMPUTE_CA_FILE} and
         * {@code AKSCOMPUTE_KAFKA_CONFIG} (else a local suite's, when run from its directory).
         */
        public Builder fromEnvironment() {
            env("AKSCOMPUTE_BOOTSTRAP_SERVERS").ifPresent(this::bootstrapServers);
            env("AKSCOMPUTE_VERSION_CATALOG_URL").ifPresent(this::versionCatalogUrl);
            token(Builder::environmentToken);
            Path ca = fileFromEnv("AKSCOMPUTE_CA_FILE", LOCAL_CA);
            if (ca != null) {
                caFile(ca);
            }
            Path kafka = fileFromEnv("AKSCOMPUTE_KAFKA_CONFIG", LOCAL_KAFKA_CONFIG);
            if (kafka != null) {
                kafkaConfigFile(kafka);
            }
            return this;
        }

        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = Objects.requireNonNull(servers);
            return this;
        }

        /** Kafka client settings for the broker's security (sasl.*, ssl.*, security.protocol). */
        public Builder kafkaConfig(Map<String, ?> config) {
            kafkaConfig.putAll(config);
            return this;
        }

        /** The same, from a properties file as Kafka's own tools take it. */
        public Builder kafkaConfigFile(Path file) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new AksComputeException("cannot read the Kafka config " + file + ": " + e.getMessage(), false);
            }
            p.stringPropertyNames().forEach(k -> kafkaConfig.put(k, p.getProperty(k)));
            return this;
        }

        /** The caller's token (a JWT), on every command and REST call. */
        public Builder token(String jwt) {
            return token(() -> jwt);
        }

        /** A token asked for at each use, for tokens that expire. */
        public Builder token(Supplier<String> tokens) {
            this.token = Objects.requireNonNull(tokens);
            return this;
        }

        public Builder versionCatalogUrl(String url) {
            this.versionCatalogUrl = Objects.requireNonNull(url);
            return this;
        }

        /** Trust exactly the CAs of this PEM file for HTTPS (the local suite's, a company's). */
        public Builder caFile(Path pem) {
            return trust(TrustedCa.sslContext(pem));
        }

        public Builder trust(SSLContext context) {
            this.trust = context;
            return this;
        }

        /** How long an unreachable Kafka is waited for. Default 10 s. */
        public Builder kafkaTimeout(Duration timeout) {
            this.kafkaTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How long {@code waitForCompletion(true)} and {@code events()} wait for an outcome. Default 30 min. */
        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The CloudEvent {@code source} of the commands, naming the program. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source);
            return this;
        }

        /**
         * The W3C {@code traceparent} of the caller's current span, asked at each command: the operation's trace then
         * continues the caller's (with OpenTelemetry, the header its W3C propagator writes for the current context).
         */
        public Builder traceparent(Supplier<String> current) {
            this.traceparent = Objects.requireNonNull(current);
            return this;
        }

        public AksComputeClient build() {
            return new AksComputeClient(new ClientSettings(bootstrapServers, Map.copyOf(kafkaConfig), token,
                    versionCatalogUrl, trust, kafkaTimeout, operationTimeout, source, traceparent));
        }

        private static java.util.Optional<String> env(String name) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v.strip());
        }

        /** Where {@code akscompute login} saves the token: env AKSCOMPUTE_TOKEN_FILE, else ~/.akscompute/token. */
        public static Path tokenFile() {
            return env("AKSCOMPUTE_TOKEN_FILE").map(Path::of)
                    .orElse(Path.of(System.getProperty("user.home"), ".akscompute", "token"));
        }

        /** {@code AKSCOMPUTE_TOKEN}, else the token {@code akscompute login} saved; null when there is neither. */
        public static String environmentToken() {
            return env("AKSCOMPUTE_TOKEN").orElseGet(Builder::savedToken);
        }

        private static String savedToken() {
            try {
                Path file = tokenFile();
                return Files.isReadable(file) ? Files.readString(file).strip() : null;
            } catch (IOException e) {
                return null;
            }
        }

        /**
         * The file the environment names (it must be readable), else the local default if present, else null.
         * Public for the CLI, whose option comes before both.
         */
        public static Path fileFromEnv(String env, String localDefault) {
            Path given = env(env).map(Path::of).orElse(null);
            if (given != null) {
                if (!Files.isReadable(given)) {
                    throw new AksComputeException("cannot read " + given + " (" + env + ")", false);
                }
                return given;
            }
            Path local = Path.of(localDefault);
            return Files.isReadable(local) ? local : null;
        }
    }
}
