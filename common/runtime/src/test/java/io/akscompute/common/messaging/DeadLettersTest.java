package io.akscompute.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.CommandHeaders;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.outbox.OutboxProducer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A dead-letter copy keeps what can be kept and always fits its topic, whatever the original held. */
class DeadLettersTest {

    private static int size(ProducerRecord<byte[], byte[]> r) {
        int size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        for (Header h : r.headers()) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }

    @Test
    void aReadableSizeOfRecordIsCopiedWholeWithWhyAndWhereFrom() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_type", "akscompute.MakeCoffee.v1".getBytes(StandardCharsets.UTF_8));
        var copy = DeadLetters.copy(Topics.COMMANDS, 2, 41, "ws/c".getBytes(), "{}".getBytes(), headers, "unknown type");

        assertThat(copy.topic()).isEqualTo(Topics.COMMANDS_DLQ);
        assertThat(new String(copy.key())).isEqualTo("ws/c");
        assertThat(new String(copy.value())).isEqualTo("{}");
        assertThat(CloudEventRecords.header(copy.headers(), "ce_type")).isEqualTo("akscompute.MakeCoffee.v1");
        assertThat(CloudEventRecords.header(copy.headers(), DeadLetters.REASON)).isEqualTo("unknown type");
        assertThat(CloudEventRecords.header(copy.headers(), DeadLetters.TOPIC)).isEqualTo(Topics.COMMANDS);
        assertThat(CloudEventRecords.header(copy.headers(), DeadLetters.PARTITION)).isEqualTo("2");
        assertThat(CloudEventRecords.header(copy.headers(), DeadLetters.OFFSET)).isEqualTo("41");
    }

    @Test
    void oversizedHeadersKeysAndReasonsAreReplacedByTheirSizeAndDigestSoTheCopyFits() {
        byte[] huge = new byte[900 * 1024];
        Arrays.fill(huge, (byte) 'x');
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_type", huge);
        for (int i = 0; i < 200; i++) {
            headers.add("h" + i, "v".getBytes());
        }
        byte[] value = new byte[Topics.MAX_RECORD_BYTES];
        byte[] key = new byte[64 * 1024];

        var copy = DeadLetters.copy(Topics.COMMANDS, 0, 7, key, value, headers, "x".repeat(900 * 1024));

        assertThat(size(copy)).isLessThan(Topics.MAX_DEAD_LETTER_BYTES);
        assertThat(CloudEventRecords.header(copy.headers(), "ce_type")).startsWith("[omitted: 921600 bytes, sha-256 ");
        assertThat(new String(copy.key())).startsWith("[omitted: 65536 bytes");
        assertThat(copy.value()).hasSize(Topics.MAX_RECORD_BYTES);
        assertThat(CloudEventRecords.header(copy.headers(), "dead-letter-omitted-headers")).isEqualTo("137");
        assertThat(CloudEventRecords.header(copy.headers(), DeadLetters.REASON)).hasSizeLessThan(1100);
    }

    @Test
    void aValueLargerThanAnyRecordOfTheSourceTopicIsReplacedToo() {
        var copy = DeadLetters.copy(Topics.COMMANDS, 0, 7, null, new byte[Topics.MAX_RECORD_BYTES + 1], null, "big");
        assertThat(copy.value()).isNull();
        assertThat(CloudEventRecords.header(copy.headers(), "dead-letter-value")).startsWith("[omitted: 1048577 bytes");
    }

    @Test
    void anEarlierCopysReasonIsNotCarriedIntoTheNext() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.REASON, "old".getBytes());
        var copy = DeadLetters.copy("aks.saga.attacher.requests", 0, 1, null, "x".getBytes(), headers, "new");
        assertThat(copy.headers().headers(DeadLetters.REASON)).hasSize(1);
        assertThat(CloudEventRecords.header(copy.headers(), DeadLetters.REASON)).isEqualTo("new");
        assertThat(copy.topic()).isEqualTo("aks.saga.attacher.requests.dlq");
    }

    @Test
    void aCallersTokenAndAnyPrivateKeyStayOutOfTheCopy() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CommandHeaders.AUTHORIZATION, "eyJhbGciOiJSUzI1NiJ9.secret.sig".getBytes(StandardCharsets.UTF_8));
        String key = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----";
        String rsa = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        String value = "{\"description\":\"" + key + "\",\"cert\":\"-----BEGIN CERTIFICATE-----\",\"k\":\"" + rsa
                + "\",\"tail\":\"-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEE";

        var copy = DeadLetters.copy(Topics.COMMANDS, 0, 3, null, value.getBytes(StandardCharsets.UTF_8), headers, "bad");

        String copied = new String(copy.value(), StandardCharsets.UTF_8);
        assertThat(copied).doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "MIIEowIBAAKCAQEA", "MHcCAQEE", "PRIVATE KEY")
                .startsWith("{\"description\":\"[private key removed]\",\"cert\":\"-----BEGIN CERTIFICATE-----\"")
                .contains("\"k\":\"[private key removed]\"");
        assertThat(CloudEventRecords.header(copy.headers(), CommandHeaders.AUTHORIZATION)).doesNotContain("eyJ");
    }

    /** Given up on after a broker outage, a copy must not be one its producer still delivers (it would be sent twice). */
    @Test
    void aCopysSendIsWaitedForLongerThanItsProducerMayTakeEvenWithLongerTimeoutsConfigured() {
        assertThat(OutboxProducer.sendWait(DeadLetters.settings(Map.of()))).isEqualTo(Duration.ofSeconds(45));
        assertThat(OutboxProducer.sendWait(DeadLetters.settings(Map.of("delivery.timeout.ms", "120000"))))
                .isEqualTo(Duration.ofSeconds(135));
    }

    /** A scan from each marker to the end would take minutes on these 90,000 markers; a linear one milliseconds. */
    @Test
    @Timeout(10)
    void redactingIsLinearEvenForAMegabyteOfBeginMarkers() {
        byte[] hostile = ("-----BEGIN ".repeat(90_000) + "x".repeat(50) + "PRIVATE KEY-----").getBytes(
                StandardCharsets.UTF_8);
        assertThat(DeadLetters.redact(hostile)).isEqualTo(hostile);
    }
}
