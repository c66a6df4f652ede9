package io.akscompute.common.messaging;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** A record of {@code aks.commands} as Kafka delivered it: nothing about it is trusted yet. */
public record RawCommandRecord(String key, byte[] value, Headers headers) {
    public RawCommandRecord {
        headers = headers == null ? new RecordHeaders() : headers;
    }

    /** The whole record as it weighs on the broker: key, headers and value. */
    public int size() {
        int size = value == null ? 0 : value.length;
        size += key == null ? 0 : key.length() * 3; // UTF-8 at most three bytes per char of a String key
        for (Header h : headers) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }
}
