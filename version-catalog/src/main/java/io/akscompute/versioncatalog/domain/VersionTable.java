package io.akscompute.versioncatalog.domain;

import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.LocationVersions.MinorVersion;
import io.akscompute.common.contract.LocationVersions.PatchVersion;
import io.akscompute.common.rules.KubernetesVersions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text {@code az aks get-versions -o table} prints. The Azure CLI renders tables with tabulate's "simple"
 * format: a column is as wide as its widest cell but at least its header plus two, columns are separated by two
 * spaces, the header is underlined with dashes of the column width; trailing blanks are trimmed here.
 */
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
        return render(List.of("KubernetesVersion", "Upgrades"), rows);
    }

    /** The default version the way {@code --query "orchestrators[?default == `true`].orchestratorVersion" -o table} prints it. */
    public static String renderDefault(String defaultVersion) {
        return render(List.of("Result"), List.of(List.of(defaultVersion == null ? "" : defaultVersion)));
    }

    /** tabulate "simple": widths max(header + 2, widest cell), two spaces between columns. */
    public static String render(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = headers.get(c).length() + 2;
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        List<String> dashes = new ArrayList<>();
        for (int width : widths) {
            dashes.add("-".repeat(width));
        }
        line(out, dashes, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(cells.get(c));
            line.append(" ".repeat(widths[c] - cells.get(c).length()));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private record PatchRow(PatchVersion patch, boolean preview) {
    }
}
