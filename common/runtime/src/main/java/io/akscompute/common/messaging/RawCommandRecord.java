package io.akscompute.common.messaging;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** A record of {@code aks.commands} as Kafka delivered it: nothing about it is trusted yet. */
public record RawCommandRecord(String key, byte[] value, Headers headers) {
    public RawCommandRecord {
        headers = headers == null ? new RecordHeaders() : headers;
    }

    public int size() {
        return value == null ? 0 : value.length;
    }
}
