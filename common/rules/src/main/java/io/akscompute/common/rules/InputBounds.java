package io.akscompute.common.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.event.Detail;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * How large the data of a command may be before any rule reads it: every string, list and object is bounded, so
 * that no field a stranger fills costs more than a real value would (in memory, in messages, in CPU).
 */
public final class InputBounds {
    /** No field of a command holds a longer string (a description is the longest, at 1024 in Azure ML). */
    public static final int MAX_STRING = 4096;
    public static final int MAX_ITEMS = 64;
    public static final int MAX_DEPTH = 8;

    private InputBounds() {
    }

    /** The first place where the data is larger than any command can be, or empty. */
    public static Optional<Detail> check(JsonNode data) {
        return check(data, null, 0);
    }

    private static Optional<Detail> check(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.of(new Detail(path, "is nested deeper than " + MAX_DEPTH + " levels"));
        }
        if (node.isTextual() && node.textValue().length() > MAX_STRING) {
            return Optional.of(new Detail(path, "is " + node.textValue().length() + " characters long; at most "
                    + MAX_STRING));
        }
        if (node.isContainerNode() && node.size() > MAX_ITEMS) {
            return Optional.of(new Detail(path, "has " + node.size() + " entries; at most " + MAX_ITEMS));
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Detail> inner = check(node.get(i), (path == null ? "" : path) + "[" + i + "]", depth + 1);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = Text.cut(field.getKey(), Text.QUOTE);
                if (field.getKey().length() > Text.QUOTE) {
                    return Optional.of(new Detail(name, "is not a field of any command"));
                }
                Optional<Detail> inner = check(field.getValue(), path == null ? name : path + "." + name, depth + 1);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }
}
