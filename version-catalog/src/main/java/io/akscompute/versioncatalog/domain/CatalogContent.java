package io.akscompute.versioncatalog.domain;

import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.LocationVersions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What makes two catalogs "the same": everything but when they were fetched. */
public final class CatalogContent {
    private CatalogContent() {
    }

    public static String hash(LocationVersions catalog) {
        LocationVersions content = catalog.withFetchedAt(null);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
