package io.akscompute.attacher.domain;

import java.util.List;
import java.util.Set;

/** The Kubernetes versions a region supports now (patch versions), and which of them are previews. */
public record SupportedVersions(String location, List<String> versions, Set<String> previews) {

    public boolean supports(String version) {
        return versions.contains(version);
    }

    public boolean isPreview(String version) {
        return previews.contains(version);
    }
}
