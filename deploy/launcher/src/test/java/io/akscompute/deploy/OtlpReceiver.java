package io.akscompute.deploy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver in the test JVM: the services export to {@code POST /v1/traces} (protobuf), and it keeps
 * the spans, decoded with OpenTelemetry's protobuf classes (opentelemetry-proto, test scope).
 */
final class OtlpReceiver implements AutoCloseable {

    /** One span as a service exported it; ids in lower-case hex, no parent: "". */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind,
            Map<String, String> attributes) {
        static final int INTERNAL = 1;
        static final int SERVER = 2;
        static final int CLIENT = 3;
        static final int PRODUCER = 4;
        static final int CONSUMER = 5;
    }

    /** The attribute every akscompute span names its operation with (common/runtime's Spans). */
    static final String OPERATION_ID = io.akscompute.common.tracing.Spans.OPERATION_ID;

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        OtlpReceiver receiver = new OtlpReceiver(HttpServer.create(new InetSocketAddress("localhost", 0), 0));
        receiver.server.createContext("/v1/traces", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                try {
                    receiver.spans.addAll(decode(body));
                } catch (IOException | RuntimeException e) {
                    receiver.problems.add(e.toString());
                }
                // An empty ExportTraceServiceResponse: everything accepted.
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.server.start();
        return receiver;
    }

    /** What a service needs to export its traces here, quickly. */
    Map<String, String> serviceSettings() {
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:" + server.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "200ms");
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** The names of that service's spans in the trace. */
    List<String> names(List<ReceivedSpan> trace, String service) {
        return trace.stream().filter(s -> service.equals(s.service())).map(ReceivedSpan::name).toList();
    }

    /** The first span of that service with that name; fails when there is none. */
    ReceivedSpan one(List<ReceivedSpan> trace, String service, String name) {
        return trace.stream().filter(s -> service.equals(s.service()) && name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError(service + " has no span " + name + " in " + byService(trace)));
    }

    /** Span names per service, for messages. */
    Map<String, List<String>> byService(List<ReceivedSpan> trace) {
        return trace.stream().collect(java.util.stream.Collectors.groupingBy(s -> String.valueOf(s.service()),
                java.util.TreeMap::new, java.util.stream.Collectors.mapping(ReceivedSpan::name,
                        java.util.stream.Collectors.toList())));
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The spans of an OTLP export request, read with OpenTelemetry's own protobuf classes. */
    static List<ReceivedSpan> decode(byte[] request) throws InvalidProtocolBufferException {
        List<ReceivedSpan> out = new ArrayList<>();
        for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(request).getResourceSpansList()) {
            String service = attributes(rs.getResource().getAttributesList()).get("service.name");
            for (ScopeSpans scope : rs.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    out.add(new ReceivedSpan(service, hex(span.getTraceId()), hex(span.getSpanId()),
                            hex(span.getParentSpanId()), span.getName(), span.getKindValue(),
                            attributes(span.getAttributesList())));
                }
            }
        }
        return out;
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> m = new LinkedHashMap<>();
        for (KeyValue kv : attributes) {
            AnyValue v = kv.getValue();
            m.put(kv.getKey(), switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case BOOL_VALUE -> String.valueOf(v.getBoolValue());
                case INT_VALUE -> String.valueOf(v.getIntValue());
                case DOUBLE_VALUE -> String.valueOf(v.getDoubleValue());
                default -> v.toString();
            });
        }
        return m;
    }
}
