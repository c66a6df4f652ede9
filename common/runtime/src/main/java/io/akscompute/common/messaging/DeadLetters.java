package io.akscompute.common.messaging;

import io.akscompute.common.contract.CommandHeaders;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.rules.Text;
import io.akscompute.common.metrics.OperationMetrics;
import io.akscompute.common.outbox.OutboxProducer;
import io.akscompute.common.work.Outages;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Puts a record that cannot be read on its topic's dead-letter topic ({@code <topic>.dlq}) with the reason in
 * {@code dead-letter-reason}, and returns only once the broker has the copy: a broker outage is waited out (the
 * consumer stays on the record), never turned into a lost record or a stopped consumer. The copy always fits:
 * an oversized key or header is replaced by its size and digest, the reason is capped, and the dead-letter topic
 * takes records twice the size of its source's. Nobody's secret is copied: a caller's token header is dropped and
 * any PEM private key in the value or a header is cut out, since more people read dead letters than send commands.
 */
@ApplicationScoped
public class DeadLetters {
    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    static final int MAX_HEADER_BYTES = 4096;
    static final int MAX_HEADERS = 64;
    static final int MAX_KEY_BYTES = 4096;
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    OperationMetrics metrics;
    private static final String PRIVATE_KEY_MARK = "PRIVATE KEY-----";
    private static final String KEY_REMOVED = "[private key removed]";
    private static final byte[] TOKEN_REMOVED = "[removed: a caller's token is not copied]"
            .getBytes(StandardCharsets.UTF_8);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile Producer<byte[], byte[]> producer;
    private volatile long sendWaitMillis;

    /** Dead-letters the consumed record with the reason; blocks until the broker has the copy. */
    public void send(Message<?> message, String reason) throws Exception {
        IncomingKafkaRecordMetadata<?, ?> meta = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        Object key = meta.getKey();
        byte[] keyBytes = key == null ? null : key instanceof byte[] b ? b : key.toString().getBytes(StandardCharsets.UTF_8);
        Object payload = message.getPayload();
        byte[] value = payload == null ? null : payload instanceof byte[] b ? b
                : payload.toString().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> copy = copy(meta.getTopic(), meta.getPartition(), meta.getOffset(), keyBytes,
                value, meta.getHeaders(), reason);
        LOG.warnf("dead-lettering record %s-%d@%d: %s", meta.getTopic(), meta.getPartition(), meta.getOffset(),
                Text.cut(reason, Text.REASON));
        try {
            deliver(copy, meta.getTopic());
        } catch (Exception refused) {
            // The broker takes no copy of it at all (a topic set up with a smaller limit): keep why, and where the
            // original is, so that nothing is lost without a trace.
            ProducerRecord<byte[], byte[]> trace = new ProducerRecord<>(copy.topic(), null, (byte[]) null, (byte[]) null,
                    copy(meta.getTopic(), meta.getPartition(), meta.getOffset(), null, null, null,
                            reason + " (the copy was refused: " + refused + ")").headers());
            deliver(trace, meta.getTopic());
        }
        metrics.deadLetter(meta.getTopic(), reason);
    }

    /** Returns once the broker has the record, an outage waited out; each send waited for as the relay waits. */
    private void deliver(ProducerRecord<byte[], byte[]> record, String from) throws Exception {
        Outages.waitOut("dead-lettering a record of " + from, () -> {
            Producer<byte[], byte[]> p = producer(); // first: making it sets the wait
            return p.send(record).get(sendWaitMillis, TimeUnit.MILLISECONDS);
        });
    }

    /** The copy as it goes to the dead-letter topic: bounded whatever the original held. */
    static ProducerRecord<byte[], byte[]> copy(String topic, int partition, long offset, byte[] key, byte[] value,
            Headers original, String reason) {
        Headers headers = new RecordHeaders();
        int kept = 0;
        int omitted = 0;
        for (Header h : original == null ? new RecordHeaders() : original) {
            if (h.key().startsWith("dead-letter-")) {
                continue; // a copy says why it is here once, not why an earlier copy was
            }
            if (kept >= MAX_HEADERS) {
                omitted++;
                continue;
            }
            byte[] v = h.value() == null || h.value().length <= MAX_HEADER_BYTES ? redact(h.value()) : omission(h.value());
            if (h.key().equalsIgnoreCase(CommandHeaders.AUTHORIZATION)) {
                v = TOKEN_REMOVED;
            }
            headers.add(Text.cut(h.key(), 200), v);
            kept++;
        }
        if (omitted > 0) {
            headers.add("dead-letter-omitted-headers", String.valueOf(omitted).getBytes(StandardCharsets.UTF_8));
        }
        headers.add(REASON, Text.cut(reason, Text.REASON).getBytes(StandardCharsets.UTF_8));
        headers.add(TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        headers.add(PARTITION, String.valueOf(partition).getBytes(StandardCharsets.UTF_8));
        headers.add(OFFSET, String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
        byte[] copiedKey = key == null || key.length <= MAX_KEY_BYTES ? key : omission(key);
        byte[] copiedValue = redact(value);
        if (value != null && value.length > Topics.MAX_RECORD_BYTES) {
            headers.add("dead-letter-value", omission(value));
            copiedValue = null;
        }
        return new ProducerRecord<>(Topics.deadLetters(topic), null, copiedKey, copiedValue, headers);
    }

    /** The bytes with every PEM private key block cut out; in one pass, whatever the bytes hold. */
    static byte[] redact(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte: positions are offsets
        int begin = privateKeyBegin(text, 0);
        if (begin < 0) {
            return bytes;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (begin >= 0) {
            out.append(text, from, begin).append(KEY_REMOVED);
            int end = text.indexOf("-----END ", begin + 11);
            int close = end < 0 ? -1 : text.indexOf(PRIVATE_KEY_MARK, end);
            from = close < 0 ? text.length() : close + PRIVATE_KEY_MARK.length();
            begin = privateKeyBegin(text, from);
        }
        out.append(text, from, text.length());
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int privateKeyBegin(String text, int from) {
        int mark = -1; // the next "PRIVATE KEY-----" at or after i, found once: scanning stays linear
        for (int i = text.indexOf("-----BEGIN ", from); i >= 0; i = text.indexOf("-----BEGIN ", i + 11)) {
            if (mark < i) {
                mark = text.indexOf(PRIVATE_KEY_MARK, i);
                if (mark < 0) {
                    return -1;
                }
            }
            if (mark - i <= 40) {
                return i;
            }
        }
        return -1;
    }

    /** What stands for bytes too long to copy: their size and SHA-256. */
    static byte[] omission(byte[] bytes) {
        return ("[omitted: " + bytes.length + " bytes, sha-256 " + Text.sha256(bytes) + "]")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Producer<byte[], byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> c = settings(kafka);
                    sendWaitMillis = OutboxProducer.sendWait(c).toMillis(); // never shorter than the send may take
                    producer = new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    static Map<String, Object> settings(Map<String, Object> kafka) {
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_DEAD_LETTER_BYTES);
        c.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        c.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        c.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        c.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "akscompute-dead-letters");
        return c;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
