package io.akscompute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints every status event from now on, of every compute and operation. */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
        description = "Print every event on " + Topics.STATUS + " as it comes (Ctrl-C stops).")
final class WatchCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--max-events", paramLabel = "N", defaultValue = "0", order = 1,
            description = "Stop after N events; 0: never. Default: ${DEFAULT-VALUE}.")
    int maxEvents;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        output.check();
        PrintWriter out = spec.commandLine().getOut();
        int printed = 0;
        try (StatusStream stream = new StatusStream(global).openAtEnd()) {
            // With -o or --query, stdout carries the events alone, each rendered on its own.
            (output.given() ? spec.commandLine().getErr() : out).println("watching " + Topics.STATUS + " at "
                    + global.bootstrapServers + " (Ctrl-C stops)");
            out.flush();
            while (maxEvents <= 0 || printed < maxEvents) {
                for (ConsumerRecord<String, byte[]> r : stream.poll()) {
                    output.result(out, event(r), () -> out.println(line(r)));
                    out.flush();
                    if (++printed == maxEvents) {
                        return 0;
                    }
                }
            }
        }
        return 0;
    }

    /** One event as JSON: its key, type, operation id and data. */
    static JsonNode event(ConsumerRecord<String, byte[]> r) {
        CloudEventRecords.Read read = CloudEventRecords.read(r.headers(), r.value());
        ObjectNode event = Json.MAPPER.createObjectNode().put("key", r.key())
                .put("type", StatusStream.eventName(read instanceof CloudEventRecords.Event e ? e.event().getType()
                        : read.seen().type()))
                .put("operationId", read.seen().correlationId());
        if (read instanceof CloudEventRecords.Event e && e.data() != null) {
            event.set("data", e.data());
        }
        return event;
    }

    /** {@code 12:00:01 ws/name CreateCluster 3b1f… OperationProgress step 2/5 …}. */
    static String line(ConsumerRecord<String, byte[]> r) {
        CloudEventRecords.Read read = CloudEventRecords.read(r.headers(), r.value());
        JsonNode data = read instanceof CloudEventRecords.Event e ? e.data() : null;
        String event = StatusStream.eventName(read instanceof CloudEventRecords.Event e ? e.event().getType()
                : read.seen().type());
        String head = LocalTime.now().format(TIME) + " " + r.key() + " "
                + (data == null ? "" : data.path("operation").asText() + " ")
                + read.seen().correlationId() + " " + event;
        if (data == null) {
            return head;
        }
        return head + switch (event) {
            case "OperationProgress" -> " " + StatusStream.progressLine(data);
            case "OperationSucceeded" -> " " + StatusStream.succeededLine(data);
            case "OperationFailed" -> " " + data.path("code").asText() + ": " + data.path("message").asText();
            default -> data.hasNonNull("message") ? " " + data.get("message").asText() : "";
        };
    }
}
