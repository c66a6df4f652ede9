package io.akscompute.emulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;

/**
 * A fault to inject into the next calls of one ARM operation (named by its operation id, for example
 * {@code ManagedClusters_CreateOrUpdate}; see the README for the list).
 *
 * @param operation  the operation id it applies to
 * @param kind       RESPOND: answer {@code status} with an ARM error {@code code}/{@code message} instead of
 *                   serving the call; FAIL_LRO: serve the call, then end its long-running operation Failed
 *                   with {@code code}/{@code message}; HANG: wait {@code hangMillis} before serving the call
 * @param times      how many calls it applies to (at least 1)
 * @param status     HTTP status for RESPOND (429 and 503 also get a {@code Retry-After})
 * @param code       ARM error code for RESPOND and FAIL_LRO
 * @param message    ARM error message for RESPOND and FAIL_LRO
 * @param hangMillis how long a HANG waits
 * @param pathContains RESPOND and HANG only: just the calls whose path contains this text (any case), so that a
 *                   fault can be set before the call it means without meeting another's; null for every call
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Fault(String operation, Kind kind, int times, int status, String code, String message,
                    long hangMillis, String pathContains) {

    public enum Kind { RESPOND, FAIL_LRO, HANG }

    public Fault {
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("operation is required");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind is required (RESPOND, FAIL_LRO or HANG)");
        }
        times = Math.max(times, 1);
        if (kind == Kind.RESPOND && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("a RESPOND fault needs an HTTP error status (4xx or 5xx)");
        }
        if (kind != Kind.HANG && (code == null || code.isBlank())) {
            throw new IllegalArgumentException("an ARM error code is required");
        }
        if (message == null && code != null) {
            message = "Injected by the Azure emulator: " + code;
        }
    }

    /** A fault for every call of the operation, whatever its path. */
    public Fault(String operation, Kind kind, int times, int status, String code, String message, long hangMillis) {
        this(operation, kind, times, status, code, message, hangMillis, null);
    }

    /** The next {@code times} calls of {@code operation} answer {@code status} with the ARM error {@code code}. */
    public static Fault respond(String operation, int times, int status, String code) {
        return new Fault(operation, Kind.RESPOND, times, status, code, null, 0);
    }

    /** The next long-running operation started by {@code operation} ends Failed with {@code code}. */
    public static Fault failLro(String operation, String code, String message) {
        return new Fault(operation, Kind.FAIL_LRO, 1, 0, code, message, 0);
    }

    /** The next {@code times} calls of {@code operation} wait {@code hang} before they are served. */
    public static Fault hang(String operation, int times, Duration hang) {
        return new Fault(operation, Kind.HANG, times, 0, null, null, hang.toMillis());
    }

    /** The same fault for just the calls whose path contains {@code text}. */
    public Fault onPathsContaining(String text) {
        return new Fault(operation, kind, times, status, code, message, hangMillis, text);
    }

    /** Whether it applies to a call of this path (null: a call whose path is not known here). */
    boolean appliesTo(String path) {
        return pathContains == null || (path != null
                && path.toLowerCase(java.util.Locale.ROOT).contains(pathContains.toLowerCase(java.util.Locale.ROOT)));
    }

    Fault withTimes(int remaining) {
        return new Fault(operation, kind, remaining, status, code, message, hangMillis, pathContains);
    }
}
