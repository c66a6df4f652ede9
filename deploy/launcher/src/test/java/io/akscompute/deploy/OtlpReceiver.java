package io.akscompute.deploy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver in the test JVM: the services export to {@code POST /v1/traces} (protobuf), and it keeps
 * the spans. The few fields a test reads are decoded from the protobuf wire format by hand, so that no protobuf
 * library joins the build for it.
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
                } catch (RuntimeException e) {
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

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    static List<ReceivedSpan> decode(byte[] request) {
        List<ReceivedSpan> out = new ArrayList<>();
        for (Wire.Field rs : new Wire(request).fields()) {
            if (rs.number() != 1) {
                continue;
            }
            // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
            String service = null;
            List<byte[]> scopes = new ArrayList<>();
            for (Wire.Field f : new Wire(rs.bytes()).fields()) {
                if (f.number() == 1) {
                    service = attributes(f.bytes(), 1).get("service.name");
                } else if (f.number() == 2) {
                    scopes.add(f.bytes());
                }
            }
            for (byte[] scope : scopes) {
                // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
                for (Wire.Field s : new Wire(scope).fields()) {
                    if (s.number() == 2) {
                        out.add(span(service, s.bytes()));
                    }
                }
            }
        }
        return out;
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; string name = 5;
    //        SpanKind kind = 6; ... repeated KeyValue attributes = 9; }
    private static ReceivedSpan span(String service, byte[] span) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        for (Wire.Field f : new Wire(span).fields()) {
            switch (f.number()) {
                case 1 -> traceId = HexFormat.of().formatHex(f.bytes());
                case 2 -> spanId = HexFormat.of().formatHex(f.bytes());
                case 4 -> parent = HexFormat.of().formatHex(f.bytes());
                case 5 -> name = f.text();
                case 6 -> kind = (int) f.varint();
                default -> {
                }
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, kind, attributes(span, 9));
    }

    // KeyValue { string key = 1; AnyValue value = 2; } AnyValue { string string_value = 1; bool bool_value = 2;
    //            int64 int_value = 3; ... }
    private static Map<String, String> attributes(byte[] message, int field) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Wire.Field f : new Wire(message).fields()) {
            if (f.number() != field) {
                continue;
            }
            String key = null;
            String value = null;
            for (Wire.Field kv : new Wire(f.bytes()).fields()) {
                if (kv.number() == 1) {
                    key = kv.text();
                } else if (kv.number() == 2) {
                    for (Wire.Field any : new Wire(kv.bytes()).fields()) {
                        value = switch (any.number()) {
                            case 1 -> any.text();
                            case 2, 3 -> String.valueOf(any.varint());
                            default -> value;
                        };
                    }
                }
            }
            if (key != null) {
                attributes.put(key, value);
            }
        }
        return attributes;
    }

    /** The protobuf wire format: a message is a run of (field number, wire type, value). */
    private static final class Wire {
        private final byte[] data;
        private int pos;

        Wire(byte[] data) {
            this.data = data;
        }

        record Field(int number, long varint, byte[] bytes) {
            String text() {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }

        List<Field> fields() {
            List<Field> fields = new ArrayList<>();
            while (pos < data.length) {
                long tag = varint();
                int number = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> fields.add(new Field(number, varint(), null));
                    case 1 -> fields.add(new Field(number, 0, take(8)));
                    case 2 -> fields.add(new Field(number, 0, take((int) varint())));
                    case 5 -> fields.add(new Field(number, 0, take(4)));
                    default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " at " + pos);
                }
            }
            return fields;
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = data[pos++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint too long at " + pos);
        }

        private byte[] take(int n) {
            if (n < 0 || pos + n > data.length) {
                throw new IllegalArgumentException("field of " + n + " bytes past the end at " + pos);
            }
            byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return b;
        }
    }
}
