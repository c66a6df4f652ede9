package io.akscompute.versioncatalog.azure;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.KubernetesVersionListResultInner;
import com.azure.resourcemanager.containerservice.fluent.models.OrchestratorVersionProfileListResultInner;
import com.azure.resourcemanager.containerservice.models.KubernetesSupportPlan;
import com.azure.resourcemanager.containerservice.models.KubernetesVersion;
import com.azure.resourcemanager.containerservice.models.OrchestratorVersionProfile;
import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.azure.ResourceSkus;
import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.versioncatalog.domain.CurrentMinorVersion;
import io.akscompute.versioncatalog.domain.LegacyOrchestrator;
import io.akscompute.versioncatalog.domain.VersionNormalizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * Reads a location's Kubernetes versions from Azure through common's client factory: the current
 * {@code kubernetesVersions} API, or the legacy {@code orchestrators} API where the current one is not offered;
 * and its VM sizes from the Resource SKUs API.
 * Blocking: called on the sync worker only, never on a Kafka or HTTP I/O thread.
 */
@ApplicationScoped
public class AzureVersionSource {
    private static final Logger LOG = Logger.getLogger(AzureVersionSource.class);
    /** ARM's answer for a location that does not offer the resource type (as opposed to an unknown API). */
    static final String LOCATION_NOT_AVAILABLE = "LocationNotAvailableForResourceType";

    @Inject
    AzureClients clients;

    /** Timeout and retries are set in application.properties ({@code AzureVersionSource/fetch/...}). */
    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 1000, jitter = 200, abortOn = UnknownLocationException.class)
    public FetchedVersions fetch(String location) {
        ContainerServiceManager aks = clients.containerServiceManager();
        try {
            KubernetesVersionListResultInner current = aks.serviceClient().getManagedClusters()
                    .listKubernetesVersions(location);
            return new FetchedVersions(VersionNormalizer.fromCurrent(location, toCurrent(current), now()),
                    FetchedVersions.CURRENT_API);
        } catch (ManagementException e) {
            if (status(e) != 404) {
                throw e;
            }
            if (LOCATION_NOT_AVAILABLE.equalsIgnoreCase(code(e))) {
                throw new UnknownLocationException(location, message(e));
            }
            LOG.debugf("kubernetesVersions not offered (%s); using the legacy orchestrators API for %s", code(e),
                    location);
        }
        try {
            OrchestratorVersionProfileListResultInner legacy = aks.serviceClient().getContainerServices()
                    .listOrchestrators(location);
            return new FetchedVersions(VersionNormalizer.fromLegacy(location, toLegacy(legacy), now()),
                    FetchedVersions.LEGACY_API);
        } catch (ManagementException e) {
            if (status(e) == 404 && LOCATION_NOT_AVAILABLE.equalsIgnoreCase(code(e))) {
                throw new UnknownLocationException(location, message(e));
            }
            throw e;
        }
    }

    /** The location's VM sizes (Resource SKUs), read apart from its versions so that they cannot delay them. */
    @Timeout(20_000)
    public List<VmSize> vmSizes(String location) {
        return ResourceSkus.virtualMachines(clients.containerServiceManager(), location);
    }

    /** Millisecond precision: what the database keeps and the JSON shows, so a reload compares equal. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The ARM error code of a failure, e.g. {@code InternalServerError}; null when there is none. */
    public static String code(Throwable e) {
        return e instanceof ManagementException m && m.getValue() != null ? m.getValue().getCode() : null;
    }

    private static String message(ManagementException e) {
        return e.getValue() != null ? e.getValue().getMessage() : e.getMessage();
    }

    private static int status(ManagementException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }

    static List<CurrentMinorVersion> toCurrent(KubernetesVersionListResultInner answer) {
        if (answer == null || answer.values() == null) {
            return List.of();
        }
        return answer.values().stream().filter(Objects::nonNull).map(AzureVersionSource::toCurrent).toList();
    }

    private static CurrentMinorVersion toCurrent(KubernetesVersion v) {
        Map<String, List<String>> patches = new LinkedHashMap<>();
        if (v.patchVersions() != null) {
            v.patchVersions().forEach((patch, p) -> patches.put(patch,
                    p == null || p.upgrades() == null ? List.of() : p.upgrades()));
        }
        List<String> plans = v.capabilities() == null || v.capabilities().supportPlan() == null ? List.of()
                : v.capabilities().supportPlan().stream().filter(Objects::nonNull).map(KubernetesSupportPlan::toString)
                .toList();
        return new CurrentMinorVersion(v.version(), v.isDefault(), v.isPreview(), plans, patches);
    }

    static List<LegacyOrchestrator> toLegacy(OrchestratorVersionProfileListResultInner answer) {
        if (answer == null || answer.orchestrators() == null) {
            return List.of();
        }
        return answer.orchestrators().stream().filter(Objects::nonNull).map(AzureVersionSource::toLegacy).toList();
    }

    private static LegacyOrchestrator toLegacy(OrchestratorVersionProfile o) {
        List<LegacyOrchestrator.Upgrade> upgrades = o.upgrades() == null ? List.of() : o.upgrades().stream()
                .filter(Objects::nonNull)
                .map(u -> new LegacyOrchestrator.Upgrade(u.orchestratorVersion(), u.isPreview())).toList();
        return new LegacyOrchestrator(o.orchestratorType(), o.orchestratorVersion(), o.defaultProperty(),
                o.isPreview(), upgrades);
    }
}
