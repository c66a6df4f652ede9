package io.akscompute.provisioner.domain;

import java.util.Collection;
import java.util.Comparator;
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
                : m.patches().stream().max(Comparator.comparing(DefaultVersion::numeric)).orElseThrow());
    }

    private static String numeric(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            key.append(String.format("%08d", parse(part)));
        }
        return key.toString();
    }

    private static int parse(String part) {
        try {
            return Integer.parseInt(part.replaceAll("[^0-9].*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
