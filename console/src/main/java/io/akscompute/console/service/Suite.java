package io.akscompute.console.service;

import io.akscompute.client.AksComputeClient;
import io.akscompute.client.ServiceApi;
import io.akscompute.common.contract.TrustedCa;
import io.akscompute.console.config.ConsoleConfig;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The suite as the console reaches it: one client (one Kafka producer and one reader of aks.status for every user)
 * and the services' REST APIs. Each call carries the token of the user whose request makes it.
 */
@ApplicationScoped
public class Suite {

    @Inject
    ConsoleConfig config;

    private AksComputeClient client;
    private ServiceApi attacher;
    private ServiceApi provisioner;
    private ServiceApi tlsManager;

    void start(@Observes StartupEvent start) {
        SSLContext trust = config.caFile().map(TrustedCa::sslContext).orElse(null);
        Supplier<String> token = Suite::currentUsersToken;
        AksComputeClient.Builder builder = AksComputeClient.builder().bootstrapServers(config.bootstrapServers())
                .versionCatalogUrl(config.versionCatalogUrl()).token(token).source("/akscompute/console");
        config.kafkaConfigFile().ifPresent(builder::kafkaConfigFile);
        if (trust != null) {
            builder.trust(trust);
        }
        client = builder.build();
        attacher = new ServiceApi("attacher", config.attacherUrl(), trust, token);
        provisioner = new ServiceApi("provisioner", config.provisionerUrl(), trust, token);
        tlsManager = new ServiceApi("tls-manager", config.tlsManagerUrl(), trust, token);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (client != null) {
            client.close();
        }
    }

    /** The signed-in user's access token; called on the thread of the user's request. */
    private static String currentUsersToken() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        return Arc.container().instance(SignedInUser.class).get().accessToken();
    }

    public AksComputeClient client() {
        return client;
    }

    public ServiceApi attacher() {
        return attacher;
    }

    public ServiceApi provisioner() {
        return provisioner;
    }

    public ServiceApi tlsManager() {
        return tlsManager;
    }
}
