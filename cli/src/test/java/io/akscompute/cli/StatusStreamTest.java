package io.akscompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.Json;
import org.junit.jupiter.api.Test;

class StatusStreamTest {

    @Test
    void aRepairsOutcomeSaysWhatItDidOtherOperationsKeepTheirShortLine() throws Exception {
        String compute = "\"compute\":{\"name\":\"api\",\"provisioningState\":\"Succeeded\","
                + "\"properties\":{\"systemServices\":[{\"publicIpAddress\":\"20.1.2.4\"}]}}";
        var repair = Json.MAPPER.readTree("{\"operation\":\"RepairCompute\"," + compute
                + ",\"message\":\"compute api repaired: put back loadBalancerType PublicIp (was X)\"}");
        var reattach = Json.MAPPER.readTree("{\"operation\":\"ReattachCluster\"," + compute
                + ",\"message\":\"ReattachCluster succeeded\"}");

        assertThat(StatusStream.succeededLine(repair)).isEqualTo("Succeeded: api Succeeded, scoring endpoint 20.1.2.4;"
                + " compute api repaired: put back loadBalancerType PublicIp (was X)");
        assertThat(StatusStream.succeededLine(reattach)).isEqualTo("Succeeded: api Succeeded, scoring endpoint 20.1.2.4");
    }
}
