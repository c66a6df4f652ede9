package io.akscompute.common.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * Times every request to Azure Resource Manager, each try of it (so that a 429 the SDK retries is counted), tagged
 * with the resource type it addresses (names left out: the tags stay bounded), the method and the status.
 */
public final class ArmCallMetrics implements HttpPipelinePolicy {
    static final String NAME = "akscompute.azure.requests";

    private final MeterRegistry registry;

    public ArmCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        long started = System.nanoTime();
        String api = api(context.getHttpRequest().getUrl().getPath());
        String method = context.getHttpRequest().getHttpMethod().name();
        return next.process().doOnSuccess(response -> record(api, method, String.valueOf(response.getStatusCode()),
                started)).doOnError(e -> record(api, method, "none", started));
    }

    private void record(String api, String method, String status, long started) {
        Timer.builder(NAME).description("Requests to Azure Resource Manager, by resource type, method and status")
                .tag("api", api).tag("method", method).tag("status", status).register(registry)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * {@code Microsoft.ContainerService/managedClusters/agentPools} for a path to an agent pool: the provider and
     * the type segments, without the names between them; {@code resourceGroups} for a resource group.
     */
    static String api(String path) {
        String[] s = path.replaceAll("^/+", "").split("/");
        int provider = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i].equalsIgnoreCase("providers") && i + 1 < s.length) {
                provider = i + 1;
            }
        }
        if (provider < 0) {
            return s.length >= 3 && s[2].equalsIgnoreCase("resourcegroups") ? "resourceGroups"
                    : s.length >= 3 ? s[2].toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") : "subscription";
        }
        List<String> parts = new ArrayList<>();
        parts.add(s[provider]);
        for (int i = provider + 1; i < s.length; i += 2) {
            parts.add(s[i]);
        }
        return String.join("/", parts);
    }
}
