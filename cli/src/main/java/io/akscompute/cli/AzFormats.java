package io.akscompute.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.akscompute.common.contract.AzTable;
import io.akscompute.common.contract.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Azure CLI's output formats for a JSON result: json (indent 2, keys sorted), jsonc (the same in colour), yaml
 * (keys sorted), tsv (one line per item, tab-separated scalars) and table (one column per scalar field).
 */
final class AzFormats {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final String KEY = "\u001b[94m";
    private static final String STRING = "\u001b[32m";
    private static final String OTHER = "\u001b[36m";
    private static final String RESET = "\u001b[0m";
    /** Fields az leaves out of its generic table. */
    private static final Set<String> TABLE_SKIPS = Set.of("id", "type", "etag");

    private AzFormats() {
    }

    /**
     * The result in the format, ending in a newline; nothing for a null result, as az prints nothing. A table of an
     * unqueried result orders its columns by name, one of a queried result as the query does (as az).
     */
    static String render(JsonNode result, OutputOptions.Format format, boolean queried) {
        if (result == null || result.isNull() || result.isMissingNode() || format == OutputOptions.Format.none) {
            return "";
        }
        return switch (format) {
            case json -> json(sorted(result), false, "") + "\n";
            case jsonc -> json(sorted(result), true, "") + "\n";
            case yaml -> yaml(sorted(result));
            case tsv -> tsv(result);
            case table -> table(result, !queried);
            case none -> "";
        };
    }

    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Json.MAPPER.createObjectNode();
            new TreeMap<String, JsonNode>(toMap(node)).forEach((k, v) -> copy.set(k, sorted(v)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(v -> copy.add(sorted(v)));
            return copy;
        }
        return node;
    }

    private static String json(JsonNode node, boolean colour, String indent) {
        String inner = indent + "  ";
        if (node.isObject() && !node.isEmpty()) {
            List<String> fields = new ArrayList<>();
            node.fields().forEachRemaining(f -> fields.add(inner + paint(quote(f.getKey()), KEY, colour) + ": "
                    + json(f.getValue(), colour, inner)));
            return "{\n" + String.join(",\n", fields) + "\n" + indent + "}";
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> items = new ArrayList<>();
            node.forEach(v -> items.add(inner + json(v, colour, inner)));
            return "[\n" + String.join(",\n", items) + "\n" + indent + "]";
        }
        if (node.isContainerNode()) {
            return node.isObject() ? "{}" : "[]";
        }
        return paint(node.isTextual() ? quote(node.textValue()) : node.toString(), node.isTextual() ? STRING : OTHER,
                colour);
    }

    private static String quote(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String paint(String text, String colour, boolean on) {
        return on ? colour + text + RESET : text;
    }

    private static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** az's tsv: a list gives a line per item; an object's scalar values in key order, tab-separated. */
    private static String tsv(JsonNode result) {
        StringBuilder out = new StringBuilder();
        for (JsonNode item : result.isArray() ? result : List.of(result)) {
            List<String> cells = new ArrayList<>();
            if (item.isObject()) {
                new TreeMap<>(toMap(item)).values().forEach(v -> cells.add(tsvCell(v)));
            } else if (item.isArray()) {
                item.forEach(v -> cells.add(tsvCell(v)));
            } else {
                cells.add(tsvCell(item));
            }
            out.append(String.join("\t", cells)).append('\n');
        }
        return out.toString();
    }

    /** A nested list shows its length and a nested object nothing, which keeps the columns aligned (as az). */
    private static String tsvCell(JsonNode v) {
        if (v.isArray()) {
            return String.valueOf(v.size());
        }
        return v.isObject() ? "" : scalar(v);
    }

    /**
     * az's generic table: a column per scalar field of each object (first letter capitalised; id, type and etag
     * left out; nested values left out), "Result" for a list of scalars, "Column1..." for a list of lists.
     */
    private static String table(JsonNode result, boolean sortColumns) {
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (JsonNode item : result.isArray() ? result : List.of(result)) {
            Map<String, JsonNode> row = new LinkedHashMap<>();
            if (item.isObject()) {
                (sortColumns ? new TreeMap<>(toMap(item)) : toMap(item)).forEach((k, v) -> {
                    if (!TABLE_SKIPS.contains(k) && !v.isNull() && !v.isContainerNode()) {
                        row.put(k.isEmpty() ? k : Character.toUpperCase(k.charAt(0)) + k.substring(1), v);
                    }
                });
            } else if (item.isArray()) {
                for (int i = 0; i < item.size(); i++) {
                    row.put("Column" + (i + 1), item.get(i));
                }
            } else {
                row.put("Result", item);
            }
            rows.add(row);
        }
        List<String> headers = new ArrayList<>();
        rows.forEach(row -> row.keySet().stream().filter(k -> !headers.contains(k)).forEach(headers::add));
        Set<Integer> numeric = new HashSet<>();
        for (int c = 0; c < headers.size(); c++) {
            String header = headers.get(c);
            if (rows.stream().allMatch(r -> r.get(header) == null || r.get(header).isNumber())) {
                numeric.add(c);
            }
        }
        List<List<String>> cells = rows.stream().map(row -> headers.stream()
                .map(h -> row.get(h) == null ? "" : scalar(row.get(h))).toList()).toList();
        return AzTable.render(headers, cells, numeric);
    }

    /** A scalar as Python prints it: True/False, text unquoted, null empty. */
    private static String scalar(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue() ? "True" : "False";
        }
        return v.isNull() ? "" : v.isTextual() ? v.textValue() : v.toString();
    }

    private static Map<String, JsonNode> toMap(JsonNode object) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue()));
        return map;
    }
}
