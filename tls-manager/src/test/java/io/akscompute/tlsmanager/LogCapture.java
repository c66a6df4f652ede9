package io.akscompute.tlsmanager;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Keeps every log line of the test JVM (application, emulator, clients) for the key leak scan. Installed on the
 * root logger after the application started, because Quarkus replaces the root handlers at start.
 */
public final class LogCapture extends Handler {
    private static final LogCapture INSTANCE = new LogCapture();
    private static final List<String> LINES = Collections.synchronizedList(new ArrayList<>());

    private LogCapture() {
        setLevel(Level.ALL);
    }

    public static void install() {
        Logger root = Logger.getLogger("");
        if (!Arrays.asList(root.getHandlers()).contains(INSTANCE)) {
            root.addHandler(INSTANCE);
        }
    }

    public static List<String> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder line = new StringBuilder().append(record.getLevel()).append(' ').append(record.getLoggerName())
                .append(' ').append(message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        LINES.add(line.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
