package io.akscompute.emulator;

import com.sun.net.httpserver.HttpExchange;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A watch as an API server streams it over HTTP: one JSON event per line, until the client goes away or the
 * watch's {@code timeoutSeconds} (at most {@link #LONGEST_SECONDS}) runs out. fabric8's store speaks to watchers as
 * WebSockets; this is the WebSocket it talks to.
 */
final class WatchStream implements WebSocket {
    /** The API server's default request timeout for watches without one. */
    static final long LONGEST_SECONDS = 1800;
    private static final Pattern TIMEOUT = Pattern.compile("(?:^|&)timeoutSeconds=(\\d{1,9})");

    private final RecordedRequest request;
    private final OutputStream out;
    private final CountDownLatch ended = new CountDownLatch(1);

    private WatchStream(RecordedRequest request, OutputStream out) {
        this.request = request;
        this.out = out;
    }

    /** Streams the watch the store answered with, on the calling thread, until it ends. */
    static void serve(HttpExchange exchange, RecordedRequest request, MockResponse response, String query)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        WatchStream stream = new WatchStream(request, exchange.getResponseBody());
        WebSocketListener listener = response.getWebSocketListener();
        listener.onOpen(stream, response);
        try {
            stream.ended.await(timeoutSeconds(query), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listener.onClosed(stream, 1000, "watch ended");
        }
    }

    static long timeoutSeconds(String query) {
        Matcher m = query == null ? null : TIMEOUT.matcher(query);
        return m != null && m.find() ? Math.min(Long.parseLong(m.group(1)), LONGEST_SECONDS) : LONGEST_SECONDS;
    }

    @Override
    public RecordedRequest request() {
        return request;
    }

    @Override
    public boolean send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized boolean send(byte[] bytes) {
        if (ended.getCount() == 0) {
            return false;
        }
        try {
            out.write(bytes);
            out.write('\n');
            out.flush(); // each event goes out as it comes
            return true;
        } catch (IOException clientGone) {
            ended.countDown();
            return false;
        }
    }

    @Override
    public boolean close(int code, String reason) {
        ended.countDown();
        return true;
    }
}
