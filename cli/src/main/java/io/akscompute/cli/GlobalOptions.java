package io.akscompute.cli;

import io.akscompute.client.AksComputeClient;
import io.akscompute.client.ServiceApi;
import io.akscompute.common.contract.TrustedCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/** Options every command takes: where Kafka and the services are, and the workspace. */
final class GlobalOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", order = 100,
            defaultValue = "${env:AKSCOMPUTE_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env AKSCOMPUTE_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = {"-w", "--workspace", "--workspace-name"}, paramLabel = "WS", order = 101,
            defaultValue = "${env:AKSCOMPUTE_WORKSPACE:-default}",
            description = "Workspace (env AKSCOMPUTE_WORKSPACE). Default: ${DEFAULT-VALUE}.")
    String workspace;

    @Option(names = "--kafka-timeout", paramLabel = "SECONDS", order = 102, defaultValue = "10",
            description = "Give up on an unreachable Kafka after this long. Default: ${DEFAULT-VALUE}.")
    int kafkaTimeoutSeconds;

    @Option(names = "--version-catalog-url", paramLabel = "URL", order = 103,
            defaultValue = "${env:AKSCOMPUTE_VERSION_CATALOG_URL:-https://localhost:8081}",
            description = "version-catalog (env AKSCOMPUTE_VERSION_CATALOG_URL). Default: ${DEFAULT-VALUE}.")
    String versionCatalogUrl;

    @Option(names = "--provisioner-url", paramLabel = "URL", order = 104,
            defaultValue = "${env:AKSCOMPUTE_PROVISIONER_URL:-https://localhost:8082}",
            description = "provisioner (env AKSCOMPUTE_PROVISIONER_URL). Default: ${DEFAULT-VALUE}.")
    String provisionerUrl;

    @Option(names = "--attacher-url", paramLabel = "URL", order = 105,
            defaultValue = "${env:AKSCOMPUTE_ATTACHER_URL:-https://localhost:8083}",
            description = "attacher (env AKSCOMPUTE_ATTACHER_URL). Default: ${DEFAULT-VALUE}.")
    String attacherUrl;

    @Option(names = "--tls-manager-url", paramLabel = "URL", order = 106,
            defaultValue = "${env:AKSCOMPUTE_TLS_MANAGER_URL:-https://localhost:8084}",
            description = "tls-manager (env AKSCOMPUTE_TLS_MANAGER_URL). Default: ${DEFAULT-VALUE}.")
    String tlsManagerUrl;

    // No defaultValue: help would print the token. Prefer the environment or 'akscompute login' over the command line.
    @Option(names = "--token", paramLabel = "JWT", order = 107,
            description = "Bearer token. Default: env AKSCOMPUTE_TOKEN, else what 'akscompute login' saved.")
    String token;

    @Option(names = "--ca-file", paramLabel = "PEM", order = 108,
            description = "CAs to trust for HTTPS. Default: env AKSCOMPUTE_CA_FILE, else the local suite's CA.")
    Path caFile;

    @Option(names = "--kafka-config", paramLabel = "FILE", order = 109,
            description = "Kafka client properties (sasl.*, ssl.*). Default: env AKSCOMPUTE_KAFKA_CONFIG.")
    Path kafkaConfig;

    /** The caller's token: --token, AKSCOMPUTE_TOKEN, or what 'akscompute login' saved; null when there is none. */
    String token() {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        return AksComputeClient.Builder.environmentToken();
    }

    ServiceApi rest(String service, String url) {
        return new ServiceApi(service, url, sslContext(), this::token);
    }

    /** The client, set as these options say; the CLI's commands and status reads go through it. */
    AksComputeClient client() {
        AksComputeClient.Builder b = AksComputeClient.builder().bootstrapServers(bootstrapServers)
                .versionCatalogUrl(versionCatalogUrl).token(this::token).trust(sslContext())
                .kafkaTimeout(Duration.ofSeconds(Math.max(1, kafkaTimeoutSeconds))).source("/akscompute/cli");
        Path kafkaFile = pathOrDefault(kafkaConfig, "AKSCOMPUTE_KAFKA_CONFIG",
                AksComputeClient.Builder.LOCAL_KAFKA_CONFIG);
        return (kafkaFile == null ? b : b.kafkaConfigFile(kafkaFile)).build();
    }

    private SSLContext trust;

    /**
     * Trust for HTTPS: the CA file given, found in the environment or left by a local suite; null for the JDK's.
     * Read once per command, whatever number of services it asks.
     */
    SSLContext sslContext() {
        if (trust == null) {
            Path ca = pathOrDefault(caFile, "AKSCOMPUTE_CA_FILE", AksComputeClient.Builder.LOCAL_CA);
            if (ca == null) {
                return null;
            }
            try {
                trust = TrustedCa.sslContext(ca);
            } catch (RuntimeException e) {
                throw CliException.failed("cannot use the CA file " + ca + ": " + e.getMessage());
            }
        }
        return trust;
    }

    /** The option if given (it must exist), else the environment's (likewise), else the local default if present. */
    private static Path pathOrDefault(Path option, String env, String localDefault) {
        if (option != null) {
            if (!Files.isReadable(option)) {
                throw CliException.failed("cannot read " + option);
            }
            return option;
        }
        return AksComputeClient.Builder.fileFromEnv(env, localDefault);
    }
}
