package io.akscompute.cli;

/** Ends a command with an exit code and a one-line reason for stderr. */
final class CliException extends RuntimeException {
    static final int FAILED = 1;
    static final int UNREACHABLE = 3;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CliException failed(String message) {
        return new CliException(FAILED, message);
    }

    static CliException unreachable(String message) {
        return new CliException(UNREACHABLE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
