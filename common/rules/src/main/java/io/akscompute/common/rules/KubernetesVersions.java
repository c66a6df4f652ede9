package io.akscompute.common.rules;

import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.LocationVersions.MinorVersion;
import io.akscompute.common.contract.LocationVersions.PatchVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Questions about one location's catalog that every service asks the same way. */
public final class KubernetesVersions {

    /** Numeric, part by part: {@code 1.32.10} after {@code 1.32.9}; a non-numeric part counts as 0. */
    public static final Comparator<String> ORDER = KubernetesVersions::compare;

    private KubernetesVersions() {
    }

    public static int compare(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            int c = Long.compare(part(pa, i), part(pb, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long part(String[] parts, int i) {
        if (i >= parts.length) {
            return -1;
        }
        try {
            return Long.parseLong(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Every patch version offered, newest first. */
    public static List<String> supportedVersions(LocationVersions catalog) {
        List<String> versions = new ArrayList<>();
        for (MinorVersion minor : catalog.versions()) {
            for (PatchVersion patch : minor.patchVersions()) {
                versions.add(patch.version());
            }
        }
        versions.sort(ORDER.reversed());
        return versions;
    }

    /**
     * True when the location offers that patch version ({@code 1.32.7}) or that minor version ({@code 1.32},
     * which a create resolves to its newest patch).
     */
    public static boolean isSupported(LocationVersions catalog, String version) {
        return resolve(catalog, version).isPresent();
    }

    /** The patch version a requested version stands for: a minor means its newest patch. */
    public static Optional<String> resolve(LocationVersions catalog, String version) {
        if (version == null) {
            return Optional.empty();
        }
        String wanted = version.trim();
        for (MinorVersion minor : catalog.versions()) {
            if (minor.version().equals(wanted)) {
                return minor.patchVersions().stream().map(PatchVersion::version).max(ORDER);
            }
            for (PatchVersion patch : minor.patchVersions()) {
                if (patch.version().equals(wanted)) {
                    return Optional.of(wanted);
                }
            }
        }
        return Optional.empty();
    }

    /** True when the version (patch or minor) belongs to a preview minor version. */
    public static boolean isPreview(LocationVersions catalog, String version) {
        for (MinorVersion minor : catalog.versions()) {
            if (minor.version().equals(version)
                    || minor.patchVersions().stream().anyMatch(p -> p.version().equals(version))) {
                return minor.isPreview();
            }
        }
        return false;
    }
}
