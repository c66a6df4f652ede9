package io.akscompute.common.azure;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One Kubernetes client per cluster, kept: the admin credentials are fetched from ARM once and again only when
 * they are older than {@link #MAX_AGE}, or the cluster refuses them (401) or cannot be reached with them (a cluster
 * deleted and created again under its name has a new endpoint and new credentials). Every client shares the
 * application's Vert.x; before, each call fetched the credentials and built a client with a Vert.x of its own.
 */
@ApplicationScoped
public class ClusterClients {
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /**
     * Clusters kept at once; the least recently used goes first. A client holds its own TLS material and connection
     * pool: 256 of them filled a 256 MB heap in a burst of 500 attaches.
     */
    static final int MAX_CLUSTERS = 32;

    private record Cached(KubernetesClient client, Instant fetchedAt) {
    }

    @Inject
    AzureClients azure;

    @Inject
    Vertx vertx;

    private HttpClient.Factory http;
    private final Map<String, Cached> clients = new LinkedHashMap<>(16, 0.75f, true);

    /** Runs {@code work} with the cluster's client; once more with fresh credentials when they were stale. */
    public <T> T call(String clusterResourceId, Function<KubernetesClient, T> work) {
        String key = clusterResourceId.toLowerCase(Locale.ROOT);
        Cached cached = client(key, clusterResourceId);
        try {
            return work.apply(cached.client());
        } catch (KubernetesClientException e) {
            if (!staleCredentials(e)) {
                throw e;
            }
            forget(key, cached);
            return work.apply(client(key, clusterResourceId).client());
        }
    }

    public void run(String clusterResourceId, Consumer<KubernetesClient> work) {
        call(clusterResourceId, k8s -> {
            work.accept(k8s);
            return null;
        });
    }

    /** 401: credentials the cluster no longer takes; no HTTP answer at all: perhaps an endpoint that moved. */
    static boolean staleCredentials(KubernetesClientException e) {
        return e.getCode() == 401 || e.getCode() == 0;
    }

    private Cached client(String key, String clusterResourceId) {
        synchronized (clients) {
            Cached cached = clients.get(key);
            if (cached != null && cached.fetchedAt().plus(MAX_AGE).isAfter(Instant.now())) {
                return cached;
            }
        }
        // Fetched outside the lock: one slow cluster must not hold up the others.
        Cached fresh = new Cached(build(KubernetesClients.adminKubeconfig(azure, clusterResourceId)), Instant.now());
        List<KubernetesClient> retired = new ArrayList<>();
        synchronized (clients) {
            Cached old = clients.put(key, fresh);
            if (old != null) {
                retired.add(old.client());
            }
            var eldest = clients.entrySet().iterator();
            while (clients.size() > MAX_CLUSTERS && eldest.hasNext()) {
                retired.add(eldest.next().getValue().client());
                eldest.remove();
            }
        }
        retired.forEach(KubernetesClient::close);
        return fresh;
    }

    private void forget(String key, Cached stale) {
        synchronized (clients) {
            clients.remove(key, stale);
        }
        stale.client().close();
    }

    private synchronized KubernetesClient build(String kubeconfig) {
        if (http == null) {
            http = new VertxHttpClientFactory(vertx);
        }
        return KubernetesClients.fromKubeconfig(kubeconfig, http);
    }

    @PreDestroy
    void closeAll() {
        synchronized (clients) {
            clients.values().forEach(c -> c.client().close());
            clients.clear();
        }
    }
}
