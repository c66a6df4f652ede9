package io.akscompute.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A status event as the lines a person reads: what {@code waitForCompletion(true)} and the CLI print. */
public final class StatusLines {
    /** Where the lines after the first one of an event start, under its text. */
    static final String INDENT = "           ";

    private StatusLines() {
    }

    /** The first line says what happened; a failure adds one line per problem and what was undone. */
    public static List<String> of(StatusUpdate update) {
        JsonNode data = update.data();
        if (data == null) {
            return List.of(update.type().replace("Operation", ""));
        }
        return switch (update.type()) {
            case StatusUpdate.PROGRESS -> List.of(progressLine(data));
            case StatusUpdate.SUCCEEDED -> List.of(succeededLine(data));
            case StatusUpdate.FAILED -> failedLines(data);
            default -> List.of(update.type().replace("Operation", ""));
        };
    }

    public static String progressLine(JsonNode data) {
        return "step " + data.path("index").asInt() + "/" + data.path("count").asInt() + " "
                + data.path("step").asText() + ": " + data.path("message").asText()
                + (data.path("warnings").isEmpty() ? "" : "  (warning: " + join(data.path("warnings")) + ")");
    }

    public static String succeededLine(JsonNode data) {
        JsonNode c = data.path("compute");
        if (c.isMissingNode() || c.isNull()) {
            return "Succeeded" + (data.hasNonNull("message") ? ": " + data.get("message").asText() : "");
        }
        String endpoint = c.at("/properties/systemServices/0/publicIpAddress").asText("");
        // A repair's message is its result: what was put back, accepted, or still differs.
        boolean repair = "RepairCompute".equals(data.path("operation").asText()) && data.hasNonNull("message");
        return "Succeeded: " + c.path("name").asText() + " " + c.path("provisioningState").asText()
                + (endpoint.isEmpty() ? "" : ", scoring endpoint " + endpoint)
                + (repair ? "; " + data.get("message").asText() : "");
    }

    static List<String> failedLines(JsonNode data) {
        List<String> lines = new ArrayList<>();
        lines.add("Failed " + data.path("code").asText() + ": " + data.path("message").asText());
        detailLines(data.path("details")).forEach(line -> lines.add(INDENT + "- " + line));
        String undone = "undone: " + join(data.path("compensated"));
        // The saga's message usually says it already.
        if (!data.path("compensated").isEmpty() && !data.path("message").asText().contains(undone)) {
            lines.add(INDENT + undone);
        }
        return lines;
    }

    /** One line per field: a list such as the supported versions reads as one line, not one per entry. */
    static List<String> detailLines(JsonNode details) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (JsonNode d : details) {
            byField.computeIfAbsent(d.hasNonNull("field") ? d.get("field").asText() : "", f -> new ArrayList<>())
                    .add(d.path("message").asText());
        }
        List<String> lines = new ArrayList<>();
        byField.forEach((field, messages) -> {
            if (field.isEmpty()) {
                lines.addAll(messages);
            } else {
                lines.add(field + ": " + String.join(", ", messages));
            }
        });
        return lines;
    }

    private static String join(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode n : array) {
            sb.append(sb.length() == 0 ? "" : ", ").append(n.asText());
        }
        return sb.toString();
    }
}
