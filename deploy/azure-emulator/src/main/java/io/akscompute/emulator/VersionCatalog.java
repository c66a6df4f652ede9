package io.akscompute.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kubernetes versions offered per location, from one data set (built in:
 * {@code kubernetes-versions.json} beside this class; replaceable at run time). The data set holds the
 * current {@code kubernetesVersions} shape; the legacy {@code orchestrators} shape is derived from it so
 * the two can never disagree.
 */
final class VersionCatalog {

    private static final String BUILT_IN = "kubernetes-versions.json";
    private static final Comparator<String> BY_VERSION = Comparator.comparing(VersionCatalog::versionKey);

    private final JsonNode dataSet;

    VersionCatalog(JsonNode dataSet) {
        if (dataSet == null || !dataSet.path("default").path("values").isArray()) {
            throw new IllegalArgumentException("a version data set needs default.values (an array)");
        }
        this.dataSet = dataSet.deepCopy();
    }

    static JsonNode builtIn(ObjectMapper json) {
        try (InputStream in = VersionCatalog.class.getResourceAsStream(BUILT_IN)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in " + BUILT_IN, e);
        }
    }

    JsonNode dataSet() {
        return dataSet.deepCopy();
    }

    /** ARM accepts "West US" as well as "westus". */
    static String normalizeLocation(String location) {
        return location == null ? null : location.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    boolean serves(String location) {
        String loc = normalizeLocation(location);
        JsonNode locations = dataSet.path("locations");
        if (dataSet.path("overrides").has(loc) || !locations.isArray() || locations.isEmpty()) {
            return true;
        }
        for (JsonNode served : locations) {
            if (served.asText().equalsIgnoreCase(loc)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code kubernetesVersions} answer: {@code {"values":[{version,isDefault,isPreview,capabilities,patchVersions}]}}. */
    ObjectNode kubernetesVersions(String location) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("values", minors(location).deepCopy());
        return answer;
    }

    /**
     * The legacy {@code orchestrators} answer: one entry per patch version, the default on the newest patch
     * of the default minor version, upgrades with their preview flag.
     */
    ObjectNode orchestrators(String subscriptionId, String location) {
        String loc = normalizeLocation(location);
        Map<String, Boolean> previewByPatch = new TreeMap<>(BY_VERSION);
        for (JsonNode minor : minors(loc)) {
            minor.path("patchVersions").fieldNames()
                    .forEachRemaining(patch -> previewByPatch.put(patch, minor.path("isPreview").asBoolean()));
        }
        String defaultPatch = defaultPatch(loc);

        ArrayNode orchestrators = JsonNodeFactory.instance.arrayNode();
        for (JsonNode minor : minors(loc)) {
            List<String> patches = new ArrayList<>();
            minor.path("patchVersions").fieldNames().forEachRemaining(patches::add);
            patches.sort(BY_VERSION);
            for (String patch : patches) {
                ObjectNode entry = orchestrators.addObject();
                entry.put("orchestratorType", "Kubernetes");
                entry.put("orchestratorVersion", patch);
                if (patch.equals(defaultPatch)) {
                    entry.put("default", true);
                }
                if (minor.path("isPreview").asBoolean()) {
                    entry.put("isPreview", true);
                }
                ArrayNode upgrades = entry.putArray("upgrades");
                for (JsonNode target : minor.path("patchVersions").path(patch).path("upgrades")) {
                    ObjectNode upgrade = upgrades.addObject();
                    upgrade.put("orchestratorType", "Kubernetes");
                    upgrade.put("orchestratorVersion", target.asText());
                    if (previewByPatch.getOrDefault(target.asText(), false)) {
                        upgrade.put("isPreview", true);
                    }
                }
            }
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("id", "/subscriptions/" + subscriptionId + "/providers/Microsoft.ContainerService/locations/"
                + loc + "/orchestrators");
        answer.put("name", "default");
        answer.put("type", "Microsoft.ContainerService/locations/orchestrators");
        answer.putObject("properties").set("orchestrators", orchestrators);
        return answer;
    }

    /** The patch version a create gets when it names no version: the newest patch of the default minor. */
    String defaultPatch(String location) {
        for (JsonNode minor : minors(location)) {
            if (minor.path("isDefault").asBoolean()) {
                return newestPatch(minor);
            }
        }
        JsonNode all = minors(location);
        if (all.isEmpty()) {
            throw new IllegalStateException("the version data set offers nothing in " + location);
        }
        return newestPatch(all.get(all.size() - 1));
    }

    /**
     * The patch version a requested version stands for: a minor ("1.32") means its newest patch, a patch
     * ("1.32.6") itself; empty when the location does not offer it.
     */
    Optional<String> resolve(String location, String requested) {
        for (JsonNode minor : minors(location)) {
            if (minor.path("version").asText().equals(requested)) {
                return Optional.of(newestPatch(minor));
            }
            if (minor.path("patchVersions").has(requested)) {
                return Optional.of(requested);
            }
        }
        return Optional.empty();
    }

    /** Every version a create accepts in this location, for error messages. */
    List<String> supported(String location) {
        List<String> versions = new ArrayList<>();
        for (JsonNode minor : minors(location)) {
            versions.add(minor.path("version").asText());
            minor.path("patchVersions").fieldNames().forEachRemaining(versions::add);
        }
        versions.sort(BY_VERSION);
        return versions;
    }

    private JsonNode minors(String location) {
        JsonNode override = dataSet.path("overrides").path(normalizeLocation(location)).path("values");
        return override.isArray() ? override : dataSet.path("default").path("values");
    }

    private static String newestPatch(JsonNode minor) {
        List<String> patches = new ArrayList<>();
        minor.path("patchVersions").fieldNames().forEachRemaining(patches::add);
        return patches.stream().max(BY_VERSION).orElse(minor.path("version").asText());
    }

    /** "1.32.10" sorts after "1.32.9": compare numerically, part by part. */
    private static String versionKey(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            key.append(String.format("%08d", parseOrZero(part)));
        }
        return key.toString();
    }

    private static int parseOrZero(String part) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
