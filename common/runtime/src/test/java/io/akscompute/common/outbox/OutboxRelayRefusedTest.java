package io.akscompute.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.junit.jupiter.api.Test;

/** Which broker answers park an outbox row for good, and which leave it pending to be sent again. */
class OutboxRelayRefusedTest {

    @Test
    void aRecordTheBrokerCannotTakeIsParked() {
        assertThat(OutboxRelay.refused(new RecordTooLargeException("1,200,000 bytes"))).isTrue();
        assertThat(OutboxRelay.refused(new InvalidTopicException("no such topic name"))).isTrue();
    }

    @Test
    void theBrokerAwaySlowOrRefusingTheServiceLeavesTheRowPending() {
        assertThat(OutboxRelay.refused(new TimeoutException("Expiring 3 record(s)"))).isFalse();
        assertThat(OutboxRelay.refused(new NotEnoughReplicasException("1 of 2"))).isFalse();
        assertThat(OutboxRelay.refused(new TopicAuthorizationException("aks.status"))).isFalse();
    }

    @Test
    void theIdempotentProducersOwnSequenceTroubleAfterAnOutageLeavesTheRowPending() {
        // The broker's log in a chaos run: after the outage the producer's expired batches were followed by
        // "Invalid sequence number for new epoch of producer 10 ... aks.status-0".
        assertThat(OutboxRelay.refused(new OutOfOrderSequenceException("Invalid sequence number for new epoch")))
                .isFalse();
        assertThat(OutboxRelay.refused(new UnknownProducerIdException("producer 10"))).isFalse();
        assertThat(OutboxRelay.refused(new InvalidProducerEpochException("epoch 1"))).isFalse();
    }
}
