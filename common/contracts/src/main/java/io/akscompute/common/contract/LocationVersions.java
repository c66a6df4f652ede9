package io.akscompute.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The Kubernetes versions one Azure location offers, as version-catalog publishes them on the compacted topic
 * {@code aks.versions} (key = location, CloudEvent type {@code akscompute.LocationVersions.v1}). The same shape
 * whether Azure answered with the current {@code kubernetesVersions} API or the legacy {@code orchestrators} one.
 *
 * @param location       the ARM location name, e.g. {@code westus}
 * @param defaultVersion the patch version a create uses when it names none
 * @param versions       minor versions, newest first
 * @param fetchedAt      when Azure last answered with exactly this content
 * @param vmSizes        the VM sizes the location offers (Resource SKUs), by name; empty when not known yet
 *                       (a record written before sizes were kept)
 */
public record LocationVersions(
        @JsonProperty(required = true) String location,
        @JsonProperty(required = true) String defaultVersion,
        @JsonProperty(required = true) List<MinorVersion> versions,
        @JsonProperty(required = true) Instant fetchedAt,
        List<VmSize> vmSizes) {

    public LocationVersions {
        vmSizes = vmSizes == null ? List.of() : List.copyOf(vmSizes);
    }

    /** A catalog whose VM sizes are not known. */
    public LocationVersions(String location, String defaultVersion, List<MinorVersion> versions, Instant fetchedAt) {
        this(location, defaultVersion, versions, fetchedAt, List.of());
    }

    /** Support plans Azure names today; others may appear and are passed on as given. */
    public static final String KUBERNETES_OFFICIAL = "KubernetesOfficial";
    public static final String AKS_LONG_TERM_SUPPORT = "AKSLongTermSupport";

    public LocationVersions withFetchedAt(Instant at) {
        return new LocationVersions(location, defaultVersion, versions, at, vmSizes);
    }

    public LocationVersions withVmSizes(List<VmSize> sizes) {
        return new LocationVersions(location, defaultVersion, versions, fetchedAt, sizes);
    }

    /**
     * One minor version ({@code 1.32}) and its patch versions, newest first.
     *
     * @param supportPlan {@code KubernetesOfficial} and/or {@code AKSLongTermSupport}
     */
    public record MinorVersion(
            @JsonProperty(required = true) String version,
            @JsonProperty(required = true) boolean isDefault,
            @JsonProperty(required = true) boolean isPreview,
            @JsonProperty(required = true) List<String> supportPlan,
            @JsonProperty(required = true) List<PatchVersion> patchVersions) {
    }

    /**
     * One patch version ({@code 1.32.7}) and the versions a cluster running it can upgrade to, oldest first.
     *
     * @param isDefault true for the one patch version a create uses by default
     */
    public record PatchVersion(
            @JsonProperty(required = true) String version,
            @JsonProperty(required = true) boolean isDefault,
            @JsonProperty(required = true) List<String> upgrades) {
    }

    /**
     * One VM size as the Resource SKUs API describes it for the location.
     *
     * @param family      e.g. {@code standardDSv2Family}
     * @param memoryGiB   the SKU's {@code MemoryGB} capability
     * @param restriction why the subscription may not use it in this location (ARM's {@code reasonCode}, e.g.
     *                    {@code NotAvailableForSubscription}); null when it may
     */
    public record VmSize(
            @JsonProperty(required = true) String name,
            String family,
            @JsonProperty(required = true) int vCpus,
            @JsonProperty(required = true) double memoryGiB,
            String restriction) {

        public boolean available() {
            return restriction == null;
        }
    }
}
