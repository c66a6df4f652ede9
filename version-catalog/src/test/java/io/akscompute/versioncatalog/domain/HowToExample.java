package io.akscompute.versioncatalog.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The example of the reference how-to (az aks get-versions -l westus -o table): its versions as a data set and
 * its printed tables, copied byte for byte from how-to-create-attach-kubernetes.de.md.
 */
public final class HowToExample {
    private HowToExample() {
    }

    /** {@code {"values": [...]}} in the kubernetesVersions shape. */
    public static JsonNode dataSet() {
        try (InputStream in = HowToExample.class.getResourceAsStream("/how-to-versions.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String table() {
        return resource("/how-to-versions-table.txt");
    }

    public static String defaultTable() {
        return resource("/how-to-default-table.txt");
    }

    /** The data set as the domain receives it from the current API. */
    public static List<CurrentMinorVersion> current() {
        List<CurrentMinorVersion> minors = new ArrayList<>();
        for (JsonNode minor : dataSet().path("values")) {
            Map<String, List<String>> patches = new LinkedHashMap<>();
            minor.path("patchVersions").fields().forEachRemaining(e -> {
                List<String> upgrades = new ArrayList<>();
                e.getValue().path("upgrades").forEach(u -> upgrades.add(u.asText()));
                patches.put(e.getKey(), upgrades);
            });
            List<String> plans = new ArrayList<>();
            minor.path("capabilities").path("supportPlan").forEach(p -> plans.add(p.asText()));
            minors.add(new CurrentMinorVersion(minor.path("version").asText(),
                    minor.has("isDefault") ? minor.path("isDefault").asBoolean() : null,
                    minor.has("isPreview") ? minor.path("isPreview").asBoolean() : null, plans, patches));
        }
        return minors;
    }

    /** The same versions as the legacy API lists them: one entry per patch, written out as Azure sends it. */
    public static List<LegacyOrchestrator> legacy() {
        return List.of(
                legacy("1.15.11", false, false, up("1.15.12", false), up("1.16.10", false), up("1.16.13", false)),
                legacy("1.15.12", false, false, up("1.16.10", false), up("1.16.13", false)),
                legacy("1.16.10", false, false, up("1.16.13", false), up("1.17.7", false), up("1.17.9", false)),
                legacy("1.16.13", true, false, up("1.17.7", false), up("1.17.9", false)),
                legacy("1.17.7", false, false, up("1.17.9", false), up("1.18.4", true), up("1.18.6", true)),
                legacy("1.17.9", false, false, up("1.18.4", true), up("1.18.6", true)),
                legacy("1.18.4", false, true, up("1.18.6", true)),
                legacy("1.18.6", false, true));
    }

    private static LegacyOrchestrator legacy(String version, boolean isDefault, boolean preview,
            LegacyOrchestrator.Upgrade... upgrades) {
        return new LegacyOrchestrator("Kubernetes", version, isDefault ? true : null, preview ? true : null,
                List.of(upgrades));
    }

    private static LegacyOrchestrator.Upgrade up(String version, boolean preview) {
        return new LegacyOrchestrator.Upgrade(version, preview);
    }

    private static String resource(String name) {
        try (InputStream in = HowToExample.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
