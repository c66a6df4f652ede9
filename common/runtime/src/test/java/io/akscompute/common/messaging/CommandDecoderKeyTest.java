package io.akscompute.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.command.DetachCluster;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Kafka orders commands by key; a record filed under another compute's key would dodge that order. */
class CommandDecoderKeyTest {
    private final CommandDecoder decoder = new CommandDecoder(256 * 1024);

    private static RawCommandRecord structured(String key, String json) {
        return new RawCommandRecord(key, json.getBytes(StandardCharsets.UTF_8), null);
    }

    private static String detach(String ws, String name) {
        return CloudEventRecords.json(CloudEventRecords.command(UUID.randomUUID(), new DetachCluster(ws, name), "/t"));
    }

    @Test
    void aRecordKeyedLikeItsCommandIsValid() {
        assertThat(decoder.decode(structured("ws/c", detach("ws", "c")))).isInstanceOf(Decoded.Valid.class);
    }

    @Test
    void aRecordKeyedForAnotherComputeIsRefusedByTheOwner() {
        var rejected = (Decoded.Rejected) decoder.decode(structured("ws/other", detach("ws", "c")));
        assertThat(rejected.rejectedBy()).isEqualTo(CommandType.DETACH_CLUSTER.owner());
        assertThat(rejected.reason()).contains("record key 'ws/other' does not match").contains("'ws/c'");
        assertThat(rejected.details()).singleElement().extracting(d -> d.field()).isEqualTo("key");
    }

    @Test
    void aRecordWithoutKeyIsRefused() {
        var rejected = (Decoded.Rejected) decoder.decode(structured(null, detach("ws", "c")));
        assertThat(rejected.reason()).contains("does not match");
    }

    @Test
    void aSubjectNamingAnotherComputeIsRefused() {
        String json = detach("ws", "c").replace("workspaces/ws/computes/c", "workspaces/ws/computes/d");
        var rejected = (Decoded.Rejected) decoder.decode(structured("ws/c", json));
        assertThat(rejected.reason()).contains("subject 'workspaces/ws/computes/d' does not match");
        assertThat(rejected.rejectedBy()).isNotEqualTo(ServiceName.VERSION_CATALOG);
    }
}
