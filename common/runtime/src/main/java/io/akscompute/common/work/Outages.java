package io.akscompute.common.work;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.jboss.logging.Logger;

/**
 * Tells an outage of the infrastructure (the database or the broker away) from a failure of the item at hand, and
 * waits an outage out. An outage is not the input's fault: nothing is dead-lettered, backed off or counted for it.
 */
public final class Outages {
    private static final Logger LOG = Logger.getLogger(Outages.class);
    /**
     * The longest pause between tries while an outage lasts: a try is a refused connection, cheap, and the pause is
     * how late the work resumes once the database or the broker is back (5 s left the chaos runs' operations
     * waiting 4-5 s after PostgreSQL was up again).
     */
    private static final Duration MAX_PAUSE = Duration.ofSeconds(1);
    private static final Duration QUIET = Duration.ofSeconds(30);
    /** Tries of a handling that fails for another reason than an outage, before that failure is its outcome. */
    private static final int TRIES = 3;

    private Outages() {
    }

    /**
     * True when the failure is the database or the broker being unreachable, not the work itself. The broker out of
     * step with an idempotent producer counts too: after an outage the producer's expired batches leave the broker
     * expecting other sequence numbers, and the producer recovers by itself (seen in the chaos runs' broker log).
     */
    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof org.apache.kafka.common.errors.TimeoutException
                    || t instanceof org.apache.kafka.common.errors.DisconnectException
                    || t instanceof OutOfOrderSequenceException || t instanceof UnknownProducerIdException
                    || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return isDatabaseOutage(error);
    }

    /**
     * True when the failure is the database being unreachable, or a pooled connection it closed while it was away
     * (the first use of each after a restart fails so): not the work's fault, and gone when the work is tried again.
     * A commit the database cut short says so only in a suppressed exception (the transaction manager's
     * {@code RollbackException} carries the driver's error as the suppressed {@code XAException}'s cause), so
     * suppressed exceptions are read too.
     */
    public static boolean isDatabaseOutage(Throwable error) {
        return isDatabaseOutage(error, 0);
    }

    private static boolean isDatabaseOutage(Throwable error, int depth) {
        int links = 0;
        for (Throwable t = error; t != null && links++ < 32; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                // 08: connection exception; 57P01-03: the server shut down or cannot take connections now
                if (state.startsWith("08") || state.startsWith("57P") || message.contains("acquisition timeout")) {
                    return true;
                }
            }
            if (depth < 2) {
                for (Throwable suppressed : t.getSuppressed()) {
                    if (isDatabaseOutage(suppressed, depth + 1)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Throws {@code error} again when it is the database away and the work ran inside a transaction: that
     * transaction cannot commit, and the work loop must see the outage itself (it neither backs the item off nor
     * counts it) rather than whatever the doomed commit says.
     */
    public static void rethrowInTransaction(Exception error, boolean inTransaction) {
        if (inTransaction && isDatabaseOutage(error)) {
            throw error instanceof RuntimeException r ? r : new IllegalStateException(error);
        }
    }

    /**
     * Runs {@code handling} until it succeeds. An outage is waited out, however long it lasts (the caller, a
     * consumer, stays where it is: nothing is committed, nothing dead-lettered); any other failure is tried a few
     * times and then thrown.
     */
    public static <T> T waitOut(String what, Callable<T> handling) throws Exception {
        Instant loggedAt = null;
        int failures = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = handling.call();
                if (loggedAt != null) {
                    LOG.infof("%s: the outage is over", what);
                }
                return result;
            } catch (Exception e) {
                if (!isOutage(e)) {
                    if (++failures >= TRIES) {
                        throw e;
                    }
                } else if (loggedAt == null || loggedAt.plus(QUIET).isBefore(Instant.now())) {
                    loggedAt = Instant.now();
                    LOG.warnf("%s waits for the database or the broker: %s", what, e.toString());
                }
                Thread.sleep(Math.min(MAX_PAUSE.toMillis(), 100L << Math.min(attempt, 6)));
            }
        }
    }
}
