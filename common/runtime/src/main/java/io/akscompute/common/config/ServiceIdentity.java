package io.akscompute.common.config;

import io.akscompute.common.contract.ServiceName;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which service this process is: decides the commands it owns and the source of the events it emits.
 * Plain properties rather than a mapping rooted at {@code akscompute}, which would claim every service's
 * own {@code akscompute.<service>.*} settings too.
 */
@ApplicationScoped
public class ServiceIdentity {

    /** {@code version-catalog}, {@code provisioner}, {@code attacher} or {@code tls-manager}. */
    @ConfigProperty(name = "akscompute.service")
    String service;

    /** Records larger than this are refused (by the front door) before they are parsed. */
    @ConfigProperty(name = "akscompute.commands.max-record-bytes", defaultValue = "262144")
    int maxRecordBytes;

    public ServiceName service() {
        return ServiceName.fromId(service).orElseThrow(() -> new IllegalStateException(
                "akscompute.service=" + service + " is not one of version-catalog, provisioner, attacher, tls-manager"));
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }
}
