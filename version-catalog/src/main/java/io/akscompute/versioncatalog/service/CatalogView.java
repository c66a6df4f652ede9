package io.akscompute.versioncatalog.service;

import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.LocationVersions.MinorVersion;
import io.akscompute.common.contract.LocationVersions.PatchVersion;
import io.akscompute.common.contract.VersionListing;
import io.akscompute.common.rules.KubernetesVersions;
import io.akscompute.versioncatalog.domain.VersionTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One location's answers, rendered once per sync so that a request only copies bytes: the JSON listing, the
 * table, the default version (JSON and table), the VM sizes, each with its ETag.
 */
public record CatalogView(LocationVersions catalog, boolean stale, String sourceApi, String lastError,
                          Rendered json, Rendered table, Rendered defaultJson, Rendered defaultTable,
                          Rendered vmSizesJson) {

    /** A representation and its strong ETag (quoted). */
    public record Rendered(byte[] body, String etag) {
        static Rendered of(String text) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            return new Rendered(body, CatalogView.etag(body));
        }
    }

    public static CatalogView of(LocationVersions catalog, boolean stale, String sourceApi, String lastError) {
        Map<String, Object> defaultAnswer = new java.util.LinkedHashMap<>();
        defaultAnswer.put("location", catalog.location());
        defaultAnswer.put("defaultVersion", catalog.defaultVersion());
        defaultAnswer.put("fetchedAt", catalog.fetchedAt());
        defaultAnswer.put("stale", stale);
        Map<String, Object> sizes = new java.util.LinkedHashMap<>();
        sizes.put("location", catalog.location());
        sizes.put("fetchedAt", catalog.fetchedAt());
        sizes.put("stale", stale);
        sizes.put("vmSizes", catalog.vmSizes());
        return new CatalogView(catalog, stale, sourceApi, lastError,
                Rendered.of(Json.write(listing(catalog, stale))),
                Rendered.of(VersionTable.render(catalog, sourceApi)),
                Rendered.of(Json.write(defaultAnswer)),
                Rendered.of(VersionTable.renderDefault(catalog.defaultVersion())),
                Rendered.of(Json.write(sizes)));
    }

    /** The catalog as {@code GET /versions} answers it: patch versions newest first, upgrades with their preview flag. */
    static VersionListing listing(LocationVersions catalog, boolean stale) {
        List<VersionListing.Version> versions = new ArrayList<>();
        for (MinorVersion minor : catalog.versions()) {
            for (PatchVersion patch : minor.patchVersions()) {
                List<VersionListing.Upgrade> upgrades = patch.upgrades().stream()
                        .map(u -> new VersionListing.Upgrade(u, KubernetesVersions.isPreview(catalog, u))).toList();
                versions.add(new VersionListing.Version(patch.version(), minor.version(), minor.isPreview(),
                        patch.isDefault(), minor.supportPlan(), upgrades));
            }
        }
        versions.sort(Comparator.comparing(VersionListing.Version::version, KubernetesVersions.ORDER).reversed());
        return new VersionListing(catalog.location(), catalog.fetchedAt(), stale, catalog.defaultVersion(),
                List.copyOf(versions));
    }

    public String location() {
        return catalog.location();
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
