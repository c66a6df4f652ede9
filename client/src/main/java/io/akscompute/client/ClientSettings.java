package io.akscompute.client;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/** What {@link AksComputeClient.Builder} settled on; the parts read them, nothing changes them. */
record ClientSettings(String bootstrapServers, Map<String, Object> kafkaConfig, Supplier<String> token,
        String versionCatalogUrl, SSLContext trust, Duration kafkaTimeout, Duration operationTimeout, String source,
        Supplier<String> traceparent) {
}
