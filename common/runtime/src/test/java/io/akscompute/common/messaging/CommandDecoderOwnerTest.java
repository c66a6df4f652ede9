package io.akscompute.common.messaging;

import static io.akscompute.common.messaging.BinaryRecords.binary;
import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.command.DetachCluster;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A service skips parsing a command only when its headers show another service owns it; whatever the front door
 * must reject (empty, oversized, unknown type) and structured records are read by everyone as before.
 */
class CommandDecoderOwnerTest {
    private final CommandDecoder decoder = new CommandDecoder(1024);

    @Test
    void aCommandOfAnotherServiceIsItsOwnersEvenWhenItsDataIsBroken() {
        var create = binary(CommandType.CREATE_CLUSTER.cloudEventType(), "not json");
        assertThat(decoder.decode(create, ServiceName.ATTACHER))
                .isEqualTo(new Decoded.OwnedElsewhere(CommandType.CREATE_CLUSTER));
        // ... and its owner, reading it, rejects it as before.
        assertThat(((Decoded.Rejected) decoder.decode(create, ServiceName.PROVISIONER)).rejectedBy())
                .isEqualTo(ServiceName.PROVISIONER);
    }

    @Test
    void whatTheFrontDoorRejectsIsNeverSomeoneElses() {
        String create = CommandType.CREATE_CLUSTER.cloudEventType();
        assertThat(decoder.decode(binary(create, ""), ServiceName.ATTACHER))
                .isInstanceOfSatisfying(Decoded.Rejected.class,
                        r -> assertThat(r.rejectedBy()).isEqualTo(CommandDecoder.FRONT_DOOR));
        assertThat(decoder.decode(binary(create, "x".repeat(2000)), ServiceName.ATTACHER))
                .isInstanceOfSatisfying(Decoded.Rejected.class,
                        r -> assertThat(r.reason()).contains("commands are limited to 1024 bytes"));
        assertThat(decoder.decode(binary("akscompute.Unknown", "{}"), ServiceName.PROVISIONER))
                .isInstanceOfSatisfying(Decoded.Rejected.class,
                        r -> assertThat(r.rejectedBy()).isEqualTo(CommandDecoder.FRONT_DOOR));
    }

    @Test
    void aStructuredRecordIsReadByEveryone() {
        String json = CloudEventRecords.json(CloudEventRecords.command(UUID.randomUUID(), new DetachCluster("ws", "c"),
                "/t"));
        var structured = new RawCommandRecord("ws/c", json.getBytes(StandardCharsets.UTF_8), null);
        assertThat(decoder.decode(structured, ServiceName.PROVISIONER))
                .isInstanceOfSatisfying(Decoded.Valid.class,
                        v -> assertThat(v.envelope().type()).isEqualTo(CommandType.DETACH_CLUSTER));
    }
}
