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

/** The text {@code az aks get-versions -o table} prints, in the Azure CLI's table format ({@link AzTable}). */
public final class VersionTable {
    public static final String NONE_AVAILABLE = "None available";
    private static final String PREVIEW = "(preview)";

    private VersionTable() {
    }

    /** Columns {@code KubernetesVersion} and {@code Upgrades}, newest version first. */
    public static String render(LocationVersions catalog) {
        List<PatchRow> patches = new ArrayList<>();
        for (MinorVersion minor : catalog.versions()) {
            for (PatchVersion patch : minor.patchVersions()) {
                patches.add(new PatchRow(patch, minor.isPreview()));
            }
        }
        patches.sort(Comparator.comparing((PatchRow r) -> r.patch.version(), KubernetesVersions.ORDER).reversed());
        List<List<String>> rows = new ArrayList<>();
        for (PatchRow row : patches) {
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

    private record PatchRow(PatchVersion patch, boolean preview) {
    }
}
