package io.akscompute.common.contract;

import java.util.Arrays;
import java.util.Optional;

/** The services of the suite; the id is used in topic names, consumer groups and CloudEvent sources. */
public enum ServiceName {
    VERSION_CATALOG("version-catalog"),
    PROVISIONER("provisioner"),
    ATTACHER("attacher"),
    TLS_MANAGER("tls-manager");

    private final String id;

    ServiceName(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** CloudEvents {@code source} of events this service emits. */
    public String source() {
        return "/akscompute/" + id;
    }

    public static Optional<ServiceName> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
