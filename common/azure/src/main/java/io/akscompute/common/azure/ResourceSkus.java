package io.akscompute.common.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.rules.Locations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The VM sizes a location offers, from ARM's Resource SKUs API ({@code Microsoft.Compute/skus}) through the SDK's
 * pipeline (credentials, retries); the compute library is not a dependency for this one read. Only
 * {@code virtualMachines} are kept. A restriction of type {@code Location} makes the size unavailable to the
 * subscription there; zone restrictions do not (AKS places nodes in the zones that remain).
 */
public final class ResourceSkus {
    static final String API_VERSION = "2021-07-01";
    /** Bounds what one answer may hold: Azure lists about a thousand VM sizes per location. */
    static final int MAX_SIZES = 5_000;
    static final int MAX_PAGES = 20;

    private ResourceSkus() {
    }

    public static List<VmSize> virtualMachines(ContainerServiceManager arm, String location) {
        var client = arm.serviceClient();
        String url = client.getEndpoint().replaceAll("/+$", "") + "/subscriptions/" + client.getSubscriptionId()
                + "/providers/Microsoft.Compute/skus?api-version=" + API_VERSION + "&$filter="
                + URLEncoder.encode("location eq '" + location + "'", StandardCharsets.UTF_8).replace("+", "%20");
        return virtualMachines(client.getHttpPipeline(), url, location);
    }

    static List<VmSize> virtualMachines(HttpPipeline pipeline, String url, String location) {
        List<VmSize> sizes = new ArrayList<>();
        String next = url;
        for (int page = 0; next != null && page < MAX_PAGES && sizes.size() < MAX_SIZES; page++) {
            JsonNode body = get(pipeline, next);
            for (JsonNode sku : body.path("value")) {
                if ("virtualMachines".equalsIgnoreCase(sku.path("resourceType").asText())
                        && sizes.size() < MAX_SIZES) {
                    parse(sku, location).ifPresent(sizes::add);
                }
            }
            next = body.hasNonNull("nextLink") ? body.get("nextLink").asText() : null;
        }
        sizes.sort(Comparator.comparing(VmSize::name, String.CASE_INSENSITIVE_ORDER));
        return List.copyOf(sizes);
    }

    private static JsonNode get(HttpPipeline pipeline, String url) {
        try (HttpResponse response = pipeline.send(new HttpRequest(HttpMethod.GET, url)).block()) {
            String body = response.getBodyAsString().block();
            if (response.getStatusCode() / 100 != 2) {
                AzureFailure failure = AzureFailures.ofResponse(response.getStatusCode(), body, null);
                throw new ManagementException(failure.describe("the VM sizes"), response,
                        new ManagementError(failure.code(), failure.describe(null)));
            }
            return Json.MAPPER.readTree(body == null ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException("ARM answered the VM sizes with unreadable JSON", e);
        }
    }

    private static Optional<VmSize> parse(JsonNode sku, String location) {
        String name = sku.path("name").asText(null);
        if (name == null || name.isBlank() || name.length() > 64) {
            return Optional.empty();
        }
        int vCpus = 0;
        double memory = 0;
        for (JsonNode capability : sku.path("capabilities")) {
            String value = capability.path("value").asText("");
            try {
                switch (capability.path("name").asText("")) {
                    case "vCPUs" -> vCpus = Integer.parseInt(value);
                    case "MemoryGB" -> memory = Double.parseDouble(value);
                    default -> { }
                }
            } catch (NumberFormatException ignored) {
                // A capability Azure spells differently: the size stays, counted as 0.
            }
        }
        String restriction = null;
        for (JsonNode r : sku.path("restrictions")) {
            if ("Location".equalsIgnoreCase(r.path("type").asText()) && appliesTo(r, location)) {
                restriction = r.path("reasonCode").asText("NotAvailableForSubscription");
            }
        }
        String family = sku.path("family").asText(null);
        return Optional.of(new VmSize(name, family, vCpus, memory, restriction));
    }

    private static boolean appliesTo(JsonNode restriction, String location) {
        JsonNode values = restriction.path("values");
        if (!values.isArray() || values.isEmpty()) {
            return true;
        }
        for (JsonNode v : values) {
            if (Locations.normalize(v.asText("")).equals(location)) {
                return true;
            }
        }
        return false;
    }
}
