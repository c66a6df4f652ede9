package io.akscompute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.client.AksComputeClient;
import io.akscompute.client.StatusFeed;
import io.akscompute.client.StatusLines;
import io.akscompute.client.StatusUpdate;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
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
        try (AksComputeClient client = global.client(); StatusFeed feed = client.watch()) {
            // With -o or --query, stdout carries the events alone, each rendered on its own.
            (output.given() ? spec.commandLine().getErr() : out).println("watching " + Topics.STATUS + " at "
                    + global.bootstrapServers + " (Ctrl-C stops)");
            out.flush();
            while (maxEvents <= 0 || printed < maxEvents) {
                for (StatusUpdate update : feed.poll(Duration.ofMillis(300))) {
                    output.result(out, event(update), () -> out.println(line(update)));
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
    static JsonNode event(StatusUpdate update) {
        ObjectNode event = Json.MAPPER.createObjectNode().put("key", update.key()).put("type", update.type())
                .put("operationId", update.operationId());
        if (update.data() != null) {
            event.set("data", update.data());
        }
        return event;
    }

    /** {@code 12:00:01 ws/name CreateCluster 3b1f… OperationProgress step 2/5 …}. */
    static String line(StatusUpdate update) {
        JsonNode data = update.data();
        String head = LocalTime.now().format(TIME) + " " + update.key() + " "
                + (data == null ? "" : data.path("operation").asText() + " ")
                + update.operationId() + " " + update.type();
        if (data == null) {
            return head;
        }
        return head + switch (update.type()) {
            case StatusUpdate.PROGRESS -> " " + StatusLines.progressLine(data);
            case StatusUpdate.SUCCEEDED -> " " + StatusLines.succeededLine(data);
            case StatusUpdate.FAILED -> " " + data.path("code").asText() + ": " + data.path("message").asText();
            default -> data.hasNonNull("message") ? " " + data.get("message").asText() : "";
        };
    }
}
