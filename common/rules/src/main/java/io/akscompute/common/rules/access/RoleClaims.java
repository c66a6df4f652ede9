package io.akscompute.common.rules.access;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads workspace roles from the values of a token's roles claim, each matched against a configurable pattern with
 * the named groups {@code workspace} and {@code role}: {@code ws1:operator} by default; an Entra ID app role such as
 * {@code Workspace.ws1.Operator} with {@code ^Workspace\.(?<workspace>[^.]+)\.(?<role>\w+)$}. Values that do not
 * match, or name no role, grant nothing. A value is at most {@link #MAX_VALUE} characters and at most
 * {@link #MAX_VALUES} values are read: a token is input from outside.
 */
public final class RoleClaims {
    public static final String DEFAULT_PATTERN = "^(?<workspace>[^:]+):(?<role>[A-Za-z]+)$";
    public static final int MAX_VALUES = 256;
    public static final int MAX_VALUE = 300;

    private final Pattern pattern;

    public RoleClaims(String pattern) {
        this.pattern = Pattern.compile(pattern);
        if (!pattern.contains("(?<workspace>") || !pattern.contains("(?<role>")) {
            throw new IllegalArgumentException("the role pattern needs the named groups workspace and role: " + pattern);
        }
    }

    public Map<String, WorkspaceRole> roles(Collection<String> values) {
        Map<String, WorkspaceRole> roles = new HashMap<>();
        int read = 0;
        for (String value : values) {
            if (read++ == MAX_VALUES) {
                break;
            }
            if (value == null || value.length() > MAX_VALUE) {
                continue;
            }
            Matcher m = pattern.matcher(value);
            if (m.matches()) {
                WorkspaceRole.parse(m.group("role")).ifPresent(r -> roles.merge(m.group("workspace"), r,
                        (a, b) -> a.compareTo(b) >= 0 ? a : b));
            }
        }
        return roles;
    }

    /** The claim values a caller with these roles carries, in the default pattern (for the local issuer). */
    public static List<String> values(Map<String, WorkspaceRole> roles) {
        Map<String, WorkspaceRole> sorted = new TreeMap<>(roles);
        return sorted.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().name().toLowerCase(Locale.ROOT)).toList();
    }
}
