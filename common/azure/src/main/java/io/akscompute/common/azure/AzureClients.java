package io.akscompute.common.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.polling.SyncPoller;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.resources.ResourceManager;
import io.akscompute.common.contract.TrustedCa;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the Azure Resource Manager clients every service uses, from {@link AzureSettings}. Real Azure
 * and the emulator share one code path; only the environment (endpoint), the credential and the trusted
 * CA differ:
 * <ul>
 *   <li>no endpoint: public Azure, azure-identity's {@code DefaultAzureCredential};</li>
 *   <li>an endpoint: an {@link AzureEnvironment} whose resource manager is that endpoint, a fixed bearer
 *       token (the emulator checks only that there is one), and an HTTPS client trusting the given CA.</li>
 * </ul>
 * Both use the JDK HTTP client (no Netty). Managers are created on first use and then shared.
 */
public final class AzureClients {

    private final AzureSettings settings;
    private final AzureProfile profile;
    private final HttpClient httpClient;
    private final TokenCredential credential;
    private volatile ContainerServiceManager containerServiceManager;
    private final Map<String, ContainerServiceManager> otherSubscriptions = new ConcurrentHashMap<>();
    private volatile ResourceManager resourceManager;
    private final List<HttpPipelinePolicy> policies;

    public AzureClients(AzureSettings settings, HttpPipelinePolicy... policies) {
        this.settings = settings;
        this.policies = List.of(policies);
        this.httpClient = httpClient(settings);
        if (settings.hasCustomEndpoint()) {
            AzureEnvironment environment = customEnvironment(settings.endpoint().toString());
            this.profile = new AzureProfile(settings.tenantId(), settings.subscriptionId(), environment);
            this.credential = fixedToken();
        } else {
            this.profile = settings.subscriptionId() != null
                    ? new AzureProfile(settings.tenantId(), settings.subscriptionId(), AzureEnvironment.AZURE)
                    : new AzureProfile(AzureEnvironment.AZURE); // tenant and subscription from AZURE_* variables
            DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder()
                    .authorityHost(profile.getEnvironment().getActiveDirectoryEndpoint())
                    .httpClient(httpClient);
            if (profile.getTenantId() != null) {
                builder.tenantId(profile.getTenantId());
            }
            this.credential = builder.build();
        }
    }

    public AzureSettings settings() {
        return settings;
    }

    public AzureProfile profile() {
        return profile;
    }

    public TokenCredential credential() {
        return credential;
    }

    public HttpClient httpClient() {
        return httpClient;
    }

    /** Managed clusters, agent pools, credentials, Kubernetes versions. */
    public ContainerServiceManager containerServiceManager() {
        if (containerServiceManager == null) {
            synchronized (this) {
                if (containerServiceManager == null) {
                    containerServiceManager = withPolicies(ContainerServiceManager.configure())
                            .withHttpClient(httpClient)
                            .authenticate(credential, profile);
                }
            }
        }
        return containerServiceManager;
    }

    /**
     * The manager for the subscription a resource id names: the configured one, or one per other subscription,
     * made once. Nothing is ever looked up in another subscription than the one named.
     */
    public ContainerServiceManager containerServiceManager(String subscriptionId) {
        if (subscriptionId == null || subscriptionId.equalsIgnoreCase(profile.getSubscriptionId())) {
            return containerServiceManager();
        }
        return otherSubscriptions.computeIfAbsent(subscriptionId.toLowerCase(Locale.ROOT),
                s -> withPolicies(ContainerServiceManager.configure()).withHttpClient(httpClient).authenticate(credential,
                        new AzureProfile(profile.getTenantId(), s, profile.getEnvironment())));
    }

    private ContainerServiceManager.Configurable withPolicies(ContainerServiceManager.Configurable configurable) {
        policies.forEach(configurable::withPolicy);
        return configurable;
    }

    /** Resource groups and generic resources. */
    public ResourceManager resourceManager() {
        if (resourceManager == null) {
            synchronized (this) {
                if (resourceManager == null) {
                    ResourceManager.Configurable configurable = ResourceManager.configure();
                    policies.forEach(configurable::withPolicy);
                    resourceManager = configurable
                            .withHttpClient(httpClient)
                            .authenticate(credential, profile)
                            .withSubscription(profile.getSubscriptionId());
                }
            }
        }
        return resourceManager;
    }

    /**
     * Applies the configured poll interval to a poller. It only matters when ARM sends no
     * {@code Retry-After}: the SDK waits what ARM says otherwise.
     */
    public <T, U> SyncPoller<T, U> withPollInterval(SyncPoller<T, U> poller) {
        return poller.setPollInterval(settings.lroPollInterval());
    }

    private static AzureEnvironment customEnvironment(String endpoint) {
        Map<String, String> endpoints = new HashMap<>();
        endpoints.put("resourceManagerEndpointUrl", endpoint);
        endpoints.put("managementEndpointUrl", endpoint);
        endpoints.put("activeDirectoryEndpointUrl", endpoint);
        endpoints.put("activeDirectoryResourceId", endpoint);
        return new AzureEnvironment(endpoints);
    }

    /** The emulator wants a bearer token but does not check it; this one never expires in practice. */
    private static TokenCredential fixedToken() {
        return request -> Mono.just(new AccessToken("akscompute-emulator-token", OffsetDateTime.now().plusDays(1)));
    }

    private static HttpClient httpClient(AzureSettings settings) {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        if (settings.trustPem() != null) {
            jdk.sslContext(TrustedCa.sslContext(settings.trustPem()));
        }
        return new JdkHttpClientBuilder(jdk).build();
    }
}
