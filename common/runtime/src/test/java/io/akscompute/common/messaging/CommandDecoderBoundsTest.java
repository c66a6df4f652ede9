package io.akscompute.common.messaging;

import static io.akscompute.common.messaging.BinaryRecords.binary;
import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.DetachCluster;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** No record, however large its key, headers or fields, costs more than a bounded amount or is quoted whole. */
class CommandDecoderBoundsTest {
    private final CommandDecoder decoder = new CommandDecoder(256 * 1024);

    @Test
    void theWholeRecordCountsKeyAndHeadersToo() {
        var rejected = (Decoded.Rejected) decoder.decode(binary("x".repeat(300 * 1024), "{}"));
        assertThat(rejected.reason()).contains("key, headers and value").contains("limited to 262144 bytes");
        assertThat(rejected.rejectedBy()).isEqualTo(ServiceName.ATTACHER);
    }

    @Test
    void anUnknownTypeIsQuotedAsAShortPrefix() {
        var rejected = (Decoded.Rejected) decoder.decode(binary("akscompute." + "y".repeat(10_000), "{}"));
        assertThat(rejected.reason()).contains("unknown command type 'akscompute.yyy").contains("(10011 characters)")
                .hasSizeLessThan(1000);
    }

    @Test
    void aFieldLongerThanAnyRealValueIsRefusedBeforeAnyRuleReadsIt() {
        String command = CloudEventRecords.json(CloudEventRecords.command(UUID.randomUUID(),
                new DetachCluster("ws", "c"), "/t")).replace("\"computeName\":\"c\"",
                "\"computeName\":\"" + "c".repeat(100_000) + "\"");
        var rejected = (Decoded.Rejected) decoder.decode(new RawCommandRecord("ws/c",
                command.getBytes(StandardCharsets.UTF_8), null));
        assertThat(rejected.reason()).contains("computeName: is 100000 characters long; at most 4096");
        assertThat(rejected.details()).singleElement().extracting(d -> d.field()).isEqualTo("computeName");
    }

    @Test
    void deeplyNestedOrHugeListsAreRefusedToo() {
        String command = CloudEventRecords.json(CloudEventRecords.command(UUID.randomUUID(),
                new DetachCluster("ws", "c"), "/t")).replace("\"computeName\":\"c\"",
                "\"computeName\":\"c\",\"extra\":[" + "1,".repeat(500) + "1]");
        var rejected = (Decoded.Rejected) decoder.decode(new RawCommandRecord(Topics.COMMANDS,
                command.getBytes(StandardCharsets.UTF_8), null));
        assertThat(rejected.reason()).contains("extra: has 501 entries; at most 64");
    }
}
