package io.akscompute.versioncatalog.domain;

import java.util.List;
import java.util.Map;

/**
 * One entry of the current {@code kubernetesVersions} answer, as Azure sends it (fields may be absent).
 *
 * @param patchUpgrades each patch version and the versions it can upgrade to
 */
public record CurrentMinorVersion(String version, Boolean isDefault, Boolean isPreview, List<String> supportPlan,
                                  Map<String, List<String>> patchUpgrades) {
}
