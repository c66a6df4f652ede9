package io.akscompute.attacher.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrontEndTest {

    @Test
    void theImageIsTaggedWithTheComponentVersionUnlessADigestPinsIt() {
        assertThat(FrontEnd.imageReference("myregistry.azurecr.io/azureml-fe", "1.0.0", Optional.empty()))
                .isEqualTo("myregistry.azurecr.io/azureml-fe:1.0.0");
        assertThat(FrontEnd.imageReference("myregistry.azurecr.io/azureml-fe", "1.0.0",
                Optional.of("sha256:0123abcd"))).isEqualTo("myregistry.azurecr.io/azureml-fe@sha256:0123abcd");
        assertThat(FrontEnd.imageReference("a/b", "2.1.0", Optional.of(" "))).isEqualTo("a/b:2.1.0");
    }
}
