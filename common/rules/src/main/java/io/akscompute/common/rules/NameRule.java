package io.akscompute.common.rules;

import static io.akscompute.common.rules.Violations.quote;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Length and character rules of one kind of name. Each broken rule is its own violation, so a user
 * sees at once everything to fix ("too long" and "ends with a hyphen").
 */
final class NameRule {
    private final String what;
    private final int min;
    private final int max;
    private final String lengthReason;
    private final CharClass allowed;
    private final CharClass first;
    private final CharClass last;

    private NameRule(String what, int min, int max, String lengthReason,
                     CharClass allowed, CharClass first, CharClass last) {
        this.what = what;
        this.min = min;
        this.max = max;
        this.lengthReason = lengthReason;
        this.allowed = allowed;
        this.first = first;
        this.last = last;
    }

    static NameRule of(String what, int min, int max, CharClass allowed) {
        return new NameRule(what, min, max, "", allowed, null, null);
    }

    NameRule startsWith(CharClass first) {
        return new NameRule(what, min, max, lengthReason, allowed, first, last);
    }

    NameRule endsWith(CharClass last) {
        return new NameRule(what, min, max, lengthReason, allowed, first, last);
    }

    /** Appended to the length message, e.g. why the limit is lower than expected. */
    NameRule because(String lengthReason) {
        return new NameRule(what, min, max, " (" + lengthReason + ")", allowed, first, last);
    }


    /** Checks a name that must be present. */
    void check(String field, String value, Violations v) {
        if (Violations.isBlank(value)) {
            v.add(field, what + " is missing; it must be " + min + " to " + max + " characters: "
                    + allowed.description());
            return;
        }
        checkGiven(field, value, v);
    }

    /** Checks a name only when it is given (null means "not set"; an empty string is still wrong). */
    void checkIfGiven(String field, String value, Violations v) {
        if (value != null) {
            check(field, value, v);
        }
    }

    private void checkGiven(String field, String value, Violations v) {
        String name = what + " " + quote(value);
        int length = value.length();
        if (length < min || length > max) {
            v.add(field, name + " is " + length + " characters long; it must be " + min + " to " + max
                    + " characters" + lengthReason);
        }
        if (first != null && !first.matches(value.charAt(0))) {
            v.add(field, name + " starts with '" + value.charAt(0) + "'; it must start with " + first.description());
        }
        if (last != null && !last.matches(value.charAt(length - 1))) {
            v.add(field, name + " ends with '" + value.charAt(length - 1) + "'; it must end with "
                    + last.description());
        }
        Set<String> invalid = new LinkedHashSet<>();
        value.codePoints().filter(c -> !allowed.matches(c)).forEach(c -> invalid.add(describe(c)));
        if (!invalid.isEmpty()) {
            v.add(field, name + " contains " + String.join(", ", invalid) + "; only "
                    + allowed.description() + " are allowed");
        }
    }

    private static String describe(int c) {
        if (c == ' ') {
            return "a space";
        }
        if (Character.isISOControl(c) || Character.isWhitespace(c)) {
            return String.format("U+%04X", c);
        }
        return "'" + new String(Character.toChars(c)) + "'";
    }

    @Override
    public String toString() {
        return what + " " + min + ".." + max + " " + allowed.description();
    }
}
