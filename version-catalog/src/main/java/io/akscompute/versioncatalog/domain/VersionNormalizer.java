package io.akscompute.versioncatalog.domain;

import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.LocationVersions.MinorVersion;
import io.akscompute.common.contract.LocationVersions.PatchVersion;
import io.akscompute.common.rules.KubernetesVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns either Azure answer into the one model: minor versions newest first, each with its patch versions newest
 * first and their upgrades oldest first, one default patch version. Both answers of the same data give equal
 * results, so a cloud that only offers the legacy API changes nothing downstream.
 */
public final class VersionNormalizer {
    private static final Comparator<String> NEWEST_FIRST = KubernetesVersions.ORDER.reversed();

    private VersionNormalizer() {
    }

    /** From {@code kubernetesVersions}: the default is the newest patch of the minor flagged isDefault. */
    public static LocationVersions fromCurrent(String location, List<CurrentMinorVersion> minors, Instant fetchedAt) {
        List<Draft> drafts = new ArrayList<>();
        for (CurrentMinorVersion minor : nullSafe(minors)) {
            if (minor == null || blank(minor.version()) || minor.patchUpgrades() == null
                    || minor.patchUpgrades().isEmpty()) {
                continue; // nothing a cluster could run
            }
            Map<String, List<String>> patches = new TreeMap<>(NEWEST_FIRST);
            minor.patchUpgrades().forEach((patch, upgrades) -> {
                if (!blank(patch)) {
                    patches.put(patch.trim(), sortedUpgrades(upgrades));
                }
            });
            drafts.add(new Draft(minor.version().trim(), Boolean.TRUE.equals(minor.isDefault()),
                    Boolean.TRUE.equals(minor.isPreview()), supportPlan(minor.supportPlan()), patches));
        }
        String defaultPatch = drafts.stream().filter(d -> d.flaggedDefault).findFirst()
                .map(d -> d.patches.keySet().iterator().next())
                .orElseGet(() -> fallbackDefault(drafts));
        return build(location, drafts, defaultPatch, fetchedAt);
    }

    /** From the legacy {@code orchestrators}: one entry per patch version, grouped here by minor version. */
    public static LocationVersions fromLegacy(String location, List<LegacyOrchestrator> orchestrators,
            Instant fetchedAt) {
        Map<String, Draft> byMinor = new TreeMap<>(NEWEST_FIRST);
        String defaultPatch = null;
        for (LegacyOrchestrator o : nullSafe(orchestrators)) {
            if (o == null || blank(o.orchestratorVersion())
                    || !(blank(o.orchestratorType()) || "Kubernetes".equalsIgnoreCase(o.orchestratorType()))) {
                continue;
            }
            String patch = o.orchestratorVersion().trim();
            String minor = minorOf(patch);
            Draft draft = byMinor.computeIfAbsent(minor, m -> new Draft(m, false, false,
                    List.of(LocationVersions.KUBERNETES_OFFICIAL), new TreeMap<>(NEWEST_FIRST)));
            List<String> upgrades = nullSafe(o.upgrades()).stream().filter(Objects::nonNull)
                    .map(LegacyOrchestrator.Upgrade::orchestratorVersion).toList();
            draft.patches.put(patch, sortedUpgrades(upgrades));
            // The legacy API flags patches; a minor with any preview patch is treated as preview.
            draft.preview |= Boolean.TRUE.equals(o.isPreview());
            if (Boolean.TRUE.equals(o.isDefault()) && defaultPatch == null) {
                defaultPatch = patch;
            }
        }
        List<Draft> drafts = new ArrayList<>(byMinor.values());
        return build(location, drafts, defaultPatch != null ? defaultPatch : fallbackDefault(drafts), fetchedAt);
    }

    /** The major.minor part of a version: {@code 1.32.7} -> {@code 1.32}. */
    public static String minorOf(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    private static LocationVersions build(String location, List<Draft> drafts, String defaultPatch,
            Instant fetchedAt) {
        drafts.sort(Comparator.comparing((Draft d) -> d.version, NEWEST_FIRST));
        List<MinorVersion> minors = new ArrayList<>();
        for (Draft d : drafts) {
            List<PatchVersion> patches = new ArrayList<>();
            d.patches.forEach((patch, upgrades) -> patches.add(new PatchVersion(patch, patch.equals(defaultPatch),
                    upgrades)));
            minors.add(new MinorVersion(d.version, d.patches.containsKey(defaultPatch), d.preview,
                    d.supportPlan, List.copyOf(patches)));
        }
        return new LocationVersions(location, defaultPatch, List.copyOf(minors), fetchedAt);
    }

    /** No version flagged: the newest generally available patch, as a create would pick. */
    private static String fallbackDefault(List<Draft> drafts) {
        return drafts.stream().sorted(Comparator.comparing((Draft d) -> d.preview)
                        .thenComparing(d -> d.version, NEWEST_FIRST))
                .findFirst().map(d -> d.patches.keySet().iterator().next()).orElse(null);
    }

    private static List<String> supportPlan(List<String> plans) {
        TreeSet<String> known = new TreeSet<>(Comparator.comparing((String p) ->
                p.equals(LocationVersions.KUBERNETES_OFFICIAL) ? 0 : p.equals(LocationVersions.AKS_LONG_TERM_SUPPORT) ? 1 : 2)
                .thenComparing(Comparator.naturalOrder()));
        nullSafe(plans).stream().filter(p -> !blank(p)).map(String::trim).forEach(known::add);
        // Azure leaves the capability out for versions under the standard plan.
        return known.isEmpty() ? List.of(LocationVersions.KUBERNETES_OFFICIAL) : List.copyOf(known);
    }

    private static List<String> sortedUpgrades(List<String> upgrades) {
        TreeSet<String> sorted = new TreeSet<>(KubernetesVersions.ORDER);
        nullSafe(upgrades).stream().filter(u -> !blank(u)).map(String::trim).forEach(sorted::add);
        return List.copyOf(sorted);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static final class Draft {
        final String version;
        final boolean flaggedDefault;
        boolean preview;
        final List<String> supportPlan;
        final Map<String, List<String>> patches;

        Draft(String version, boolean flaggedDefault, boolean preview, List<String> supportPlan,
                Map<String, List<String>> patches) {
            this.version = version;
            this.flaggedDefault = flaggedDefault;
            this.preview = preview;
            this.supportPlan = supportPlan;
            this.patches = patches;
        }
    }
}
