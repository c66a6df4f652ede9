package io.akscompute.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * A request body read up to a limit: the servers the emulator stands for refuse a larger one with 413 rather than
 * read it, and the emulator must not read whatever a caller sends into its heap either.
 */
final class RequestBodies {
    /** ARM's limit on a request's content, 4 MiB (and the control API's, which takes ARM bodies). */
    static final int ARM_LIMIT = 4 * 1024 * 1024;
    /** A Kubernetes API server's limit on a request body (kube-apiserver's default, 3 MiB). */
    static final int KUBERNETES_LIMIT = 3 * 1024 * 1024;

    /** The body is larger than the limit; nothing of it was kept. */
    static final class TooLarge extends IOException {
        TooLarge(int limit) {
            super("the request content is larger than the " + limit + " bytes this server takes");
        }
    }

    private RequestBodies() {
    }

    /** Beyond what is kept, this much more of a refused body is read and dropped so the caller gets the 413. */
    private static final long DISCARDED = 64L * 1024 * 1024;

    static byte[] read(HttpExchange exchange, int limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            if (declared != null && Long.parseLong(declared.strip()) > limit) {
                throw discardRest(exchange, limit);
            }
        } catch (NumberFormatException e) {
            // read and counted below instead
        }
        byte[] body = exchange.getRequestBody().readNBytes(limit + 1);
        if (body.length > limit) {
            throw discardRest(exchange, limit);
        }
        return body;
    }

    /**
     * Reads what the caller is still sending, into nothing: a server that answers before it has read the body and
     * closes the connection resets it, and the caller sees a broken connection instead of the 413. A caller that
     * goes on sending past {@link #DISCARDED} has its connection closed.
     */
    private static TooLarge discardRest(HttpExchange exchange, int limit) throws IOException {
        long skipped = 0;
        byte[] sink = new byte[64 * 1024];
        for (int n; skipped < DISCARDED && (n = exchange.getRequestBody().read(sink)) >= 0; ) {
            skipped += n;
        }
        return new TooLarge(limit);
    }
}
