package io.akscompute.common.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Records of {@code aks.commands} in CloudEvents binary mode, for the decoder's tests. */
final class BinaryRecords {
    private BinaryRecords() {
    }

    /** A record keyed ws/c with the attributes in {@code ce_*} headers and {@code value} as its data. */
    static RawCommandRecord binary(String type, String value) {
        RecordHeaders h = new RecordHeaders();
        h.add("ce_specversion", "1.0".getBytes());
        h.add("ce_id", UUID.randomUUID().toString().getBytes());
        h.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        h.add("ce_source", "/t".getBytes());
        return new RawCommandRecord("ws/c", value.getBytes(StandardCharsets.UTF_8), h);
    }
}
