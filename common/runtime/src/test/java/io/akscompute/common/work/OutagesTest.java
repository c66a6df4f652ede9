package io.akscompute.common.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.transaction.RollbackException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.junit.jupiter.api.Test;

/** What counts as the infrastructure away, which a consumer or a worker waits out instead of failing the item. */
class OutagesTest {

    @Test
    void theBrokerAwayOrOutOfStepWithTheProducerAfterAnOutageIsAnOutage() {
        assertThat(Outages.isOutage(new ExecutionException(new TimeoutException("Expiring 3 record(s)")))).isTrue();
        assertThat(Outages.isOutage(new ConnectException("Connection refused"))).isTrue();
        assertThat(Outages.isOutage(new ExecutionException(new OutOfOrderSequenceException("new epoch")))).isTrue();
        assertThat(Outages.isOutage(new ExecutionException(new UnknownProducerIdException("producer 10")))).isTrue();
        assertThat(Outages.isOutage(new ExecutionException(new InvalidProducerEpochException("epoch 1")))).isTrue();
    }

    @Test
    void theDatabaseAwayIsAnOutageAndItsRefusalsAreNot() {
        assertThat(Outages.isOutage(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(Outages.isOutage(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(Outages.isOutage(new SQLException("duplicate key", "23505"))).isFalse();
    }

    @Test
    void aCommitTheDatabaseCutShortIsAnOutageThoughOnlyASuppressedExceptionSaysSo() {
        // The shape Narayana gives when PostgreSQL stops during a commit (seen in the chaos runs' service logs).
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        assertThat(Outages.isDatabaseOutage(new IllegalStateException("Error invoking subclass method", rollback)))
                .isTrue();

        RollbackException refused = new RollbackException("ARJUNA016053: Could not commit transaction.");
        refused.addSuppressed(new SQLException("duplicate key", "23505"));
        assertThat(Outages.isDatabaseOutage(refused)).isFalse();
    }

    @Test
    void aRecordTheBrokerCannotTakeIsNotAnOutage() {
        assertThat(Outages.isOutage(new ExecutionException(new RecordTooLargeException("1,200,000 bytes"))))
                .isFalse();
        assertThat(Outages.isOutage(new IllegalStateException("a defect"))).isFalse();
    }

    @Test
    void sequenceTroubleIsWaitedOutPastTheTriesAFailureGets() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String sent = Outages.waitOut("a test send", () -> {
            if (calls.incrementAndGet() <= 3) { // as many as a failure that is no outage gets
                throw new ExecutionException(new OutOfOrderSequenceException("Invalid sequence number"));
            }
            return "sent";
        });
        assertThat(sent).isEqualTo("sent");
        assertThat(calls).hasValue(4);

        AtomicInteger failing = new AtomicInteger();
        assertThatThrownBy(() -> Outages.waitOut("a test send", () -> {
            failing.incrementAndGet();
            throw new ExecutionException(new RecordTooLargeException("too large"));
        })).isInstanceOf(ExecutionException.class);
        assertThat(failing).hasValue(3);
    }
}
