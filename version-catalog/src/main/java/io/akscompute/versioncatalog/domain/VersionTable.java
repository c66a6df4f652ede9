package io.akscompute.versioncatalog.domain;

import io.akscompute.common.contract.AzTable;
import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.LocationVersions.MinorVersion;
import io.akscompute.common.contract.LocationVersions.PatchVersion;
import io.akscompute.common.rules.KubernetesVersions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text {@code az aks get-versions -o table} prints, in the Azure CLI's table format ({@link AzTable}): today's
 * layout for a catalog Azure gave through the {@code kubernetesVersions} API, and the layout of az's
 * {@code orchestrators} era, which the how-to shows, for a catalog read through that API.
 */
public final class VersionTable {
    public static final String NONE_AVAILABLE = "None available";
    /** The legacy API's name, as {@code FetchedVersions} records which API answered. */
    public static final String ORCHESTRATORS_API = "orchestrators";
    private static final String PREVIEW = "(preview)";

    private VersionTable() {
    }

    /** The table of the API the catalog came from ({@code kubernetesVersions} or {@code orchestrators}). */
    public static String render(LocationVersions catalog, String sourceApi) {
        return ORCHESTRATORS_API.equals(sourceApi) ? renderOrchestrators(catalog) : render(catalog);
    }

    /**
     * Today's az: one row per patch version, newest first, with {@code IsPreview}, the upgrades in version order
     * and the minor version's support plans ({@code AKSLongTermSupport} where it has LTS).
     */
    public static String render(LocationVersions catalog) {
        List<List<String>> rows = new ArrayList<>();
        List<PatchRow> patches = patches(catalog);
        for (PatchRow row : patches) {
            List<String> upgrades = row.patch.upgrades().stream().sorted(KubernetesVersions.ORDER).toList();
            rows.add(List.of(row.patch.version(), row.preview ? "True" : "False",
                    upgrades.isEmpty() ? NONE_AVAILABLE : String.join(", ", upgrades),
                    String.join(", ", row.supportPlan)));
        }
        return AzTable.render(List.of("KubernetesVersion", "IsPreview", "Upgrades", "SupportPlan"), rows);
    }

    /** az of the orchestrators era: {@code KubernetesVersion} and {@code Upgrades}, previews marked, newest first. */
    public static String renderOrchestrators(LocationVersions catalog) {
        List<List<String>> rows = new ArrayList<>();
        for (PatchRow row : patches(catalog)) {
            String upgrades = row.patch.upgrades().isEmpty() ? NONE_AVAILABLE : row.patch.upgrades().stream()
                    .map(u -> KubernetesVersions.isPreview(catalog, u) ? u + PREVIEW : u)
                    .collect(Collectors.joining(", "));
            rows.add(List.of(row.preview ? row.patch.version() + PREVIEW : row.patch.version(), upgrades));
        }
        return AzTable.render(List.of("KubernetesVersion", "Upgrades"), rows);
    }

    /** The default version the way {@code --query "orchestrators[?default == `true`].orchestratorVersion" -o table} prints it. */
    public static String renderDefault(String defaultVersion) {
        return AzTable.render(List.of("Result"), List.of(List.of(defaultVersion == null ? "" : defaultVersion)));
    }

    private static List<PatchRow> patches(LocationVersions catalog) {
        List<PatchRow> patches = new ArrayList<>();
        for (MinorVersion minor : catalog.versions()) {
            for (PatchVersion patch : minor.patchVersions()) {
                patches.add(new PatchRow(patch, minor.isPreview(),
                        minor.supportPlan() == null ? List.of() : minor.supportPlan()));
            }
        }
        patches.sort(Comparator.comparing((PatchRow r) -> r.patch.version(), KubernetesVersions.ORDER).reversed());
        return patches;
    }

    private record PatchRow(PatchVersion patch, boolean preview, List<String> supportPlan) {
    }
}
