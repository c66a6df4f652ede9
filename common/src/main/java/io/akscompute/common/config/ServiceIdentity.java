package io.akscompute.common.config;

import io.akscompute.common.contract.ServiceName;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which service this process is: decides the commands it owns and the source of the events it emits. */
@ConfigMapping(prefix = "akscompute")
public interface ServiceIdentity {

    /** {@code version-catalog}, {@code provisioner}, {@code attacher} or {@code tls-manager}. */
    ServiceName service();

    Commands commands();

    interface Commands {
        /** Records larger than this are refused (by the front door) before they are parsed. */
        @WithDefault("262144")
        int maxRecordBytes();
    }
}
