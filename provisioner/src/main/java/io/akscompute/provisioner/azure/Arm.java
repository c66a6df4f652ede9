package io.akscompute.provisioner.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.resources.ResourceManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.Json;
import io.akscompute.provisioner.domain.DefaultVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ARM calls of the provisioner. A long-running operation is started once and its {@code Azure-AsyncOperation}
 * URL returned: the saga keeps it and polls it on later runs, so a restart resumes the same operation.
 */
@ApplicationScoped
public class Arm {

    /** State of an ARM long-running operation; {@code code}/{@code message} when it failed. */
    public record LroStatus(String status, String code, String message, Duration retryAfter) {
        public boolean running() {
            return status == null || status.equalsIgnoreCase("InProgress") || status.equalsIgnoreCase("Accepted")
                    || status.equalsIgnoreCase("Running") || status.equalsIgnoreCase("Creating")
                    || status.equalsIgnoreCase("Updating") || status.equalsIgnoreCase("Deleting")
                    || status.equalsIgnoreCase("Scaling");
        }

        public boolean succeeded() {
            return "Succeeded".equalsIgnoreCase(status);
        }

        public boolean throttled() {
            return retryAfter != null;
        }
    }

    @Inject
    ContainerServiceManager aks;

    @Inject
    ResourceManager resources;

    public String subscriptionId() {
        return aks.serviceClient().getSubscriptionId();
    }

    public List<DefaultVersion.Minor> kubernetesVersions(String location) {
        var list = aks.serviceClient().getManagedClusters().listKubernetesVersions(location);
        if (list == null || list.values() == null) {
            return List.of();
        }
        return list.values().stream().map(v -> new DefaultVersion.Minor(v.version(), Boolean.TRUE.equals(v.isDefault()),
                v.patchVersions() == null ? List.of() : v.patchVersions().keySet())).toList();
    }

    /** Creates the resource group when missing; true when it did. */
    public boolean ensureResourceGroup(String name, String location, Map<String, String> tags) {
        if (resources.resourceGroups().contain(name)) {
            return false;
        }
        resources.resourceGroups().define(name).withRegion(location).withTags(tags).create();
        return true;
    }

    public Optional<ManagedClusterInner> cluster(String resourceGroup, String name) {
        try {
            return Optional.ofNullable(aks.serviceClient().getManagedClusters().getByResourceGroup(resourceGroup, name));
        } catch (ManagementException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sends the PUT of the cluster (once); returns the URL to poll. */
    public String beginCreate(String resourceGroup, String name, ManagedClusterInner cluster) {
        return started(aks.serviceClient().getManagedClusters().createOrUpdateWithResponseAsync(resourceGroup, name,
                cluster, null, null));
    }

    public String beginDelete(String resourceGroup, String name) {
        return started(aks.serviceClient().getManagedClusters().deleteWithResponseAsync(resourceGroup, name, null));
    }

    public AgentPoolInner agentPool(String resourceGroup, String cluster, String pool) {
        return aks.serviceClient().getAgentPools().get(resourceGroup, cluster, pool);
    }

    public String beginPoolUpdate(String resourceGroup, String cluster, String pool, AgentPoolInner body) {
        return started(aks.serviceClient().getAgentPools().createOrUpdateWithResponseAsync(resourceGroup, cluster, pool,
                body, null, null));
    }

    /** Polls an operation URL returned by a {@code begin...} call (through the client's pipeline: auth, retries). */
    public LroStatus status(String url) {
        HttpResponse response = aks.serviceClient().getHttpPipeline().send(new HttpRequest(HttpMethod.GET, url))
                .block();
        try (response) {
            int code = response.getStatusCode();
            String body = response.getBodyAsString().block();
            if (code == 429 || code >= 500) {
                String after = response.getHeaderValue("Retry-After");
                return new LroStatus(null, String.valueOf(code), body, Duration.ofSeconds(seconds(after)));
            }
            if (code >= 400) {
                JsonNode error = read(body).path("error");
                return new LroStatus("Failed", error.path("code").asText(String.valueOf(code)),
                        error.path("message").asText(body), null);
            }
            if (code == 202 && (body == null || body.isBlank())) {
                return new LroStatus("InProgress", null, null, null);
            }
            JsonNode node = read(body);
            JsonNode error = node.path("error");
            String status = node.path("status").asText(node.path("properties").path("provisioningState").asText(
                    code == 200 || code == 204 ? "Succeeded" : "InProgress"));
            return new LroStatus(status, error.isMissingNode() ? null : error.path("code").asText(null),
                    error.isMissingNode() ? null : error.path("message").asText(null), null);
        }
    }

    private static String started(Mono<Response<Flux<ByteBuffer>>> call) {
        Response<Flux<ByteBuffer>> response = call.block();
        response.getValue().blockLast(); // drain the body: frees the connection
        String url = response.getHeaders().getValue("Azure-AsyncOperation");
        if (url == null) {
            url = response.getHeaders().getValue("Location");
        }
        return url == null ? DONE : url;
    }

    /** Handle of an operation ARM finished at once (no operation URL). */
    public static final String DONE = "done";

    private static long seconds(String value) {
        try {
            return value == null ? 5 : Math.max(1, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 5;
        }
    }

    private static JsonNode read(String body) {
        try {
            return Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
