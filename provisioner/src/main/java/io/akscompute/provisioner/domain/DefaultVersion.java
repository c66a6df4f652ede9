package io.akscompute.provisioner.domain;

import io.akscompute.common.rules.KubernetesVersions;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Azure ML creates every cluster with the location's default Kubernetes version: the newest patch of the default minor. */
public final class DefaultVersion {

    /** A minor version as the location offers it. */
    public record Minor(String version, boolean isDefault, Collection<String> patches) {
    }

    private DefaultVersion() {
    }

    public static Optional<String> of(List<Minor> offered) {
        return offered.stream().filter(Minor::isDefault).findFirst().map(m -> m.patches() == null
                || m.patches().isEmpty() ? m.version()
                : m.patches().stream().max(KubernetesVersions.ORDER).orElseThrow());
    }
}
