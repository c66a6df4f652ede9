package io.akscompute.provisioner;

import io.akscompute.testing.Architecture;
import org.junit.jupiter.api.Test;

/** The service's packages (rest, messaging, saga, participant, service, domain, persistence, azure, config) form no cycle. */
class ArchitectureTest {

    @Test
    void packagesFormNoCycle() {
        Architecture.assertNoPackageCycles("io.akscompute.provisioner");
    }
}
