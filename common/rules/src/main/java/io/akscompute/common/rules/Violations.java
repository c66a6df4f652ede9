package io.akscompute.common.rules;

import io.akscompute.common.contract.event.Detail;
import java.util.ArrayList;
import java.util.List;

/** Collects every violation of one command, in the order the rules found them. */
final class Violations {
    /** Long user input is cut in messages so that one bad field cannot blow up an event. */
    private static final int MAX_QUOTED = 200;

    private final List<Detail> details = new ArrayList<>();

    void add(String field, String message) {
        details.add(new Detail(field, message));
    }

    List<Detail> list() {
        return List.copyOf(details);
    }

    /** {@code 'value'} for messages, shortened when very long. */
    static String quote(String value) {
        return Text.quote(value, MAX_QUOTED);
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
