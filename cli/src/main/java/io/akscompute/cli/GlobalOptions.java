package io.akscompute.cli;

import picocli.CommandLine.Option;

/** Options every command takes: where Kafka and the services are, and the workspace. */
final class GlobalOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", order = 100,
            defaultValue = "${env:AKSCOMPUTE_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env AKSCOMPUTE_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = {"-w", "--workspace"}, paramLabel = "WS", order = 101,
            defaultValue = "${env:AKSCOMPUTE_WORKSPACE:-default}",
            description = "Workspace (env AKSCOMPUTE_WORKSPACE). Default: ${DEFAULT-VALUE}.")
    String workspace;

    @Option(names = "--kafka-timeout", paramLabel = "SECONDS", order = 102, defaultValue = "10",
            description = "Give up on an unreachable Kafka after this long. Default: ${DEFAULT-VALUE}.")
    int kafkaTimeoutSeconds;

    @Option(names = "--version-catalog-url", paramLabel = "URL", order = 103,
            defaultValue = "${env:AKSCOMPUTE_VERSION_CATALOG_URL:-http://localhost:8081}",
            description = "version-catalog (env AKSCOMPUTE_VERSION_CATALOG_URL). Default: ${DEFAULT-VALUE}.")
    String versionCatalogUrl;

    @Option(names = "--provisioner-url", paramLabel = "URL", order = 104,
            defaultValue = "${env:AKSCOMPUTE_PROVISIONER_URL:-http://localhost:8082}",
            description = "provisioner (env AKSCOMPUTE_PROVISIONER_URL). Default: ${DEFAULT-VALUE}.")
    String provisionerUrl;

    @Option(names = "--attacher-url", paramLabel = "URL", order = 105,
            defaultValue = "${env:AKSCOMPUTE_ATTACHER_URL:-http://localhost:8083}",
            description = "attacher (env AKSCOMPUTE_ATTACHER_URL). Default: ${DEFAULT-VALUE}.")
    String attacherUrl;

    @Option(names = "--tls-manager-url", paramLabel = "URL", order = 106,
            defaultValue = "${env:AKSCOMPUTE_TLS_MANAGER_URL:-http://localhost:8084}",
            description = "tls-manager (env AKSCOMPUTE_TLS_MANAGER_URL). Default: ${DEFAULT-VALUE}.")
    String tlsManagerUrl;

    // No defaultValue: help would print the token. Prefer the environment or 'akscompute login' over the command line.
    @Option(names = "--token", paramLabel = "JWT", order = 107,
            description = "Bearer token. Default: env AKSCOMPUTE_TOKEN, else what 'akscompute login' saved.")
    String token;

    /** The caller's token: --token, AKSCOMPUTE_TOKEN, or what 'akscompute login' saved; null when there is none. */
    String token() {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        String env = System.getenv("AKSCOMPUTE_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        return LoginCommand.savedToken();
    }

    Rest rest(String service, String url) {
        return new Rest(service, url).bearer(token());
    }
}
