package io.akscompute.common.metrics;

import java.util.Locale;

/**
 * The class of a dead-letter reason, for a metric tag: the reasons themselves quote what a stranger sent and would
 * make a tag without bound.
 */
public final class DeadLetterReasons {
    private DeadLetterReasons() {
    }

    public static String classify(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (r.contains(" bytes") || r.contains("too large") || r.contains("limited to")) {
            return "too-large";
        }
        if (r.contains("used before") || r.contains("rejected before") || r.contains("belongs to an earlier")) {
            return "duplicate-id";
        }
        if (r.contains("unknown command type") || r.contains("has no 'type'")) {
            return "unknown-type";
        }
        if (r.contains("not valid") || r.contains("record key") || r.contains("subject")) {
            return "invalid";
        }
        if (r.contains("no value") || r.contains("not a") || r.contains("json") || r.contains("cloudevent")) {
            return "unreadable";
        }
        return "other";
    }
}
