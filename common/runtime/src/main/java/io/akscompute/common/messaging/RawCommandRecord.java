package io.akscompute.common.messaging;

import java.util.Map;

/** A record of {@code aks.commands} as Kafka delivered it: nothing about it is trusted yet. */
public record RawCommandRecord(String key, byte[] value, Map<String, String> headers) {
    public RawCommandRecord {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public int size() {
        return value == null ? 0 : value.length;
    }
}
