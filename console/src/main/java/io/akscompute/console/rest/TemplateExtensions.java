package io.akscompute.console.rest;

import io.quarkus.qute.TemplateExtension;
import java.util.List;
import java.util.Locale;

/** What the templates need of a String. */
@TemplateExtension
final class TemplateExtensions {
    private TemplateExtensions() {
    }

    /** {@code "a,b"} as the options of a select; an empty first entry is "leave as it is". */
    static List<String> choices(String options) {
        return List.of(options.split(",", -1));
    }

    static String choiceLabel(String option) {
        return option.isEmpty() ? "(no change)" : option;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
