package io.akscompute.common.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Replies are read forward-compatibly and strictly at once: a newer participant's code is kept, a broken reply refused. */
class SagaReplyConsumerTest {
    private static final UUID ID = UUID.randomUUID();

    private static CloudEventRecords.Read reply(String data) {
        var event = CloudEventRecords.event(ID, SagaReplyConsumer.CE_TYPE, "/akscompute/attacher", "workspaces/w/computes/c",
                ID, null, OffsetDateTime.now(), data.getBytes(StandardCharsets.UTF_8));
        var record = CloudEventRecords.binary("aks.saga.provisioner.replies", ID.toString(), event);
        return CloudEventRecords.read(record.headers(), record.value());
    }

    @Test
    void anErrorCodeThisVersionDoesNotKnowIsCarriedInTheDetails() throws Exception {
        var decoded = SagaReplyConsumer.decode(reply("""
                {"sagaId":"%s","requestId":"%s","action":"ReserveName","succeeded":false,
                 "code":"QuotaOfNamesExhausted","message":"no more names","retryable":false}""".formatted(ID, ID)));
        assertThat(decoded.code()).isEqualTo(ErrorCode.InternalError);
        assertThat(decoded.details()).containsExactly(new Detail("code", "QuotaOfNamesExhausted"));
        assertThat(decoded.message()).isEqualTo("no more names");
    }

    @Test
    void aReplyWithoutItsIdsOrActionIsRefused() {
        assertThatThrownBy(() -> SagaReplyConsumer.decode(reply("""
                {"sagaId":"%s","requestId":"%s","action":null,"succeeded":true,"retryable":false}""".formatted(ID, ID))))
                .hasMessageContaining("must not be null");
        assertThatThrownBy(() -> SagaReplyConsumer.decode(reply("{ not json")))
                .hasMessageContaining("not JSON");
    }
}
