package io.akscompute.emulator;

import java.util.Map;

/** An ARM error: answered as {@code {"error":{"code","message"}}} with the given HTTP status. */
final class ArmException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    ArmException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ArmException(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }

    static ArmException badRequest(String code, String message) {
        return new ArmException(400, code, message);
    }

    static ArmException notFound(String code, String message) {
        return new ArmException(404, code, message);
    }

    static ArmException conflict(String code, String message) {
        return new ArmException(409, code, message);
    }
}
