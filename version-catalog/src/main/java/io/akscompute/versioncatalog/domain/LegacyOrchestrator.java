package io.akscompute.versioncatalog.domain;

import java.util.List;

/** One entry of the legacy {@code orchestrators} answer: a patch version (fields may be absent). */
public record LegacyOrchestrator(String orchestratorType, String orchestratorVersion, Boolean isDefault,
                                 Boolean isPreview, List<Upgrade> upgrades) {

    public record Upgrade(String orchestratorVersion, Boolean isPreview) {
    }
}
