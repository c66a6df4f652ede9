package io.akscompute.cli;

import picocli.CommandLine.Option;

/** Options every command takes: where Kafka and the services are, and the workspace. */
final class GlobalOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", order = 100,
            defaultValue = "${env:AKSCOMPUTE_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers; env AKSCOMPUTE_BOOTSTRAP_SERVERS.")
    String bootstrapServers;

    @Option(names = {"-w", "--workspace"}, paramLabel = "WS", order = 101,
            defaultValue = "${env:AKSCOMPUTE_WORKSPACE:-default}",
            description = "Workspace; env AKSCOMPUTE_WORKSPACE.")
    String workspace;

    @Option(names = "--kafka-timeout", paramLabel = "SECONDS", order = 102, defaultValue = "10",
            description = "Give up on an unreachable Kafka after this long.")
    int kafkaTimeoutSeconds;

    @Option(names = "--version-catalog-url", paramLabel = "URL", order = 103,
            defaultValue = "${env:AKSCOMPUTE_VERSION_CATALOG_URL:-http://localhost:8081}",
            description = "version-catalog service.")
    String versionCatalogUrl;

    @Option(names = "--provisioner-url", paramLabel = "URL", order = 104,
            defaultValue = "${env:AKSCOMPUTE_PROVISIONER_URL:-http://localhost:8082}",
            description = "provisioner service.")
    String provisionerUrl;

    @Option(names = "--attacher-url", paramLabel = "URL", order = 105,
            defaultValue = "${env:AKSCOMPUTE_ATTACHER_URL:-http://localhost:8083}",
            description = "attacher service.")
    String attacherUrl;

    @Option(names = "--tls-manager-url", paramLabel = "URL", order = 106,
            defaultValue = "${env:AKSCOMPUTE_TLS_MANAGER_URL:-http://localhost:8084}",
            description = "tls-manager service.")
    String tlsManagerUrl;
}
