package io.akscompute.deploy;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.CommandHeaders;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.model.ClusterPurpose;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Records a stranger who can write akscompute's topics might send, generated from a seed so that a run can be
 * repeated: broken envelopes and data of every kind on {@code aks.commands}, oversized records, malformed records
 * on every {@code aks.saga.*} topic, and forged {@code aks.versions} records.
 */
final class HostileRecords {

    /** One hostile record, and the operation id it names (null when it names none), to find its answer by. */
    record Hostile(String kind, ProducerRecord<byte[], byte[]> record, UUID operationId) {
        boolean versions() {
            return record.topic().equals(Topics.VERSIONS);
        }
    }

    static final List<String> KINDS = List.of("not JSON", "JSON but no object", "no CloudEvent attributes",
            "unknown type", "unknown type version", "unknown specversion", "id not a UUID", "wrong field types",
            "every field oversized", "fuzzed JSON", "invalid UTF-8", "tombstone", "empty value", "2 MB value",
            "900 KB header", "64 KB key", "preflight violations", "no token", "malformed saga record",
            "forged aks.versions");

    private final Random random;
    private final String token;
    private final List<String> sagaTopics = new ArrayList<>();

    /** {@code token}: an operator's, carried by the records that must get as far as the preflight rules. */
    HostileRecords(long seed, String token) {
        this.random = new Random(seed);
        this.token = token;
        for (ServiceName s : ServiceName.values()) {
            sagaTopics.add(Topics.sagaRequests(s));
            sagaTopics.add(Topics.sagaReplies(s));
        }
    }

    /** The n-th record: every kind in turn, its content drawn from the seed. */
    Hostile next(int n) {
        String kind = KINDS.get(n % KINDS.size());
        UUID id = new UUID(random.nextLong(), random.nextLong());
        String key = "chaos/h" + n; // the compute's own key: these records fail for what they hold, not their key
        String valid = valid(id, n);
        return switch (kind) {
            case "not JSON" -> commands(kind, key, text("create me a cluster " + random.nextInt()), null);
            case "JSON but no object" -> commands(kind, key, text(random.nextBoolean() ? "[1,2,3]" : "42"), null);
            case "no CloudEvent attributes" -> commands(kind, key, text("{\"hello\":" + random.nextInt() + "}"), null);
            case "unknown type" -> commands(kind, key, text(valid.replace("akscompute.AttachCluster.v1",
                    "akscompute." + word(12) + ".v1")), id);
            case "unknown type version" -> commands(kind, key, text(valid.replace("AttachCluster.v1",
                    "AttachCluster.v" + (2 + random.nextInt(8)))), id);
            case "unknown specversion" -> commands(kind, key, text(valid.replace("\"specversion\":\"1.0\"",
                    "\"specversion\":\"" + (random.nextBoolean() ? "0.3" : "2.0") + "\"")), id);
            case "id not a UUID" -> commands(kind, key, text(valid.replace(id.toString(), word(20))), null);
            case "wrong field types" -> commands(kind, key, text(valid.replace("\"workspace\":\"chaos\"",
                    "\"workspace\":" + (random.nextBoolean() ? "[1,2]" : "{\"a\":1}"))), id);
            case "every field oversized" -> commands(kind, key, text(CloudEventRecords.json(CloudEventRecords.command(id,
                    new AttachCluster("chaos", big(5000), big(5000), big(5000), big(5000), ClusterPurpose.DevTest,
                            null, null, null, big(5000)), "/chaos"))), id);
            case "fuzzed JSON" -> commands(kind, key, fuzz(valid), null);
            case "invalid UTF-8" -> commands(kind, key, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28,
                    (byte) 0xFF, '"', '}'}, null);
            case "tombstone" -> commands(kind, key, null, null);
            case "empty value" -> commands(kind, key, new byte[0], null);
            case "2 MB value" -> commands(kind, key, text(valid.replace("\"chaos\"", "\"" + big(2 * 1024 * 1024)
                    + "\"")), id);
            case "900 KB header" -> {
                RecordHeaders h = new RecordHeaders();
                h.add("ce_specversion", bytes("1.0"));
                h.add("ce_id", bytes(id.toString()));
                h.add("ce_type", bytes(big(900 * 1024)));
                h.add("ce_source", bytes("/chaos"));
                yield new Hostile(kind, new ProducerRecord<>(Topics.COMMANDS, null, bytes(key), bytes("{}"), h), id);
            }
            case "64 KB key" -> commands(kind, big(64 * 1024), text(valid.replace("\"workspace\":\"chaos\"",
                    "\"workspace\":7")), id);
            case "preflight violations" -> withToken(commands(kind, "chaos/9bad-" + n + "-", text(CloudEventRecords.json(
                    CloudEventRecords.command(id, new CreateCluster("chaos", "9bad-" + n + "-", "westus", null, 2,
                            null, ClusterPurpose.FastProd, null, null, "subnet-without-internal", null, null, null),
                            "/chaos"))), id));
            case "no token" -> commands(kind, key, text(valid), id);
            case "malformed saga record" -> saga(kind, key, id);
            default -> versions(kind, n);
        };
    }

    private String valid(UUID id, int n) {
        return CloudEventRecords.json(CloudEventRecords.command(id, new AttachCluster("chaos", "h" + n, null,
                "rg-chaos", "nowhere-" + n, ClusterPurpose.DevTest, null, null, null, null), "/chaos"));
    }

    private Hostile withToken(Hostile h) {
        h.record().headers().add(CommandHeaders.AUTHORIZATION, bytes(token));
        return h;
    }

    private Hostile commands(String kind, String key, byte[] value, UUID id) {
        return new Hostile(kind, new ProducerRecord<>(Topics.COMMANDS, bytes(key), value), id);
    }

    /** On one of the eight saga topics: unreadable, of another type, or a request no one carries out. */
    private Hostile saga(String kind, String key, UUID id) {
        String topic = sagaTopics.get(random.nextInt(sagaTopics.size()));
        byte[] value = switch (random.nextInt(4)) {
            case 0 -> text("{ not json " + random.nextInt());
            case 1 -> text(CloudEventRecords.json(CloudEventRecords.event(id, "akscompute.SomethingElse.v1", "/chaos",
                    "workspaces/chaos/computes/x", id, null, java.time.OffsetDateTime.now(), bytes("{}"))));
            case 2 -> text(CloudEventRecords.json(CloudEventRecords.event(id, "akscompute.SagaRequest.v1", "/chaos",
                    "workspaces/chaos/computes/x", id, null, java.time.OffsetDateTime.now(), bytes(
                            "{\"sagaId\":\"" + id + "\",\"requestId\":\"" + id + "\",\"operationId\":\"" + id
                                    + "\",\"action\":null,\"replyTo\":\"ATTACHER\",\"workspace\":\"chaos\","
                                    + "\"computeName\":\"x\"}"))));
            default -> null; // a tombstone
        };
        return new Hostile(kind, new ProducerRecord<>(topic, bytes(key), value), null);
    }

    /** Forged version catalogs: not JSON, another type, a made-up location from the far future, a tombstone. */
    private Hostile versions(String kind, int n) {
        String location = "chaosland" + n;
        byte[] value = switch (random.nextInt(4)) {
            case 0 -> text("not a catalog " + random.nextInt());
            case 1 -> text("{\"location\":\"" + location + "\",\"versions\":\"many\"}");
            case 2 -> text("{\"location\":\"" + location + "\",\"defaultVersion\":\"9.9.9\",\"versions\":[],"
                    + "\"fetchedAt\":\"2999-01-01T00:00:00Z\"}");
            default -> null;
        };
        return new Hostile(kind, new ProducerRecord<>(Topics.VERSIONS, bytes(location), value), null);
    }

    /** A valid command with bytes flipped and cut: JSON no longer, or a CloudEvent no longer. */
    private byte[] fuzz(String valid) {
        byte[] b = valid.getBytes(StandardCharsets.UTF_8);
        int cut = b.length / 2 + random.nextInt(b.length / 2);
        byte[] out = Arrays.copyOf(b, cut);
        for (int i = 0; i < 5; i++) {
            out[random.nextInt(out.length)] = (byte) ('{' + random.nextInt(3));
        }
        return out;
    }

    private String word(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private static String big(int length) {
        return "x".repeat(length);
    }

    private static byte[] text(String s) {
        return bytes(s);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
