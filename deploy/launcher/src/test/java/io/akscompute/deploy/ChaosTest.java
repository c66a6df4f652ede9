package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.testing.KafkaProbe;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The suite as real processes under hostile input and outages: a flood of records a stranger might send, mixed
 * with good operations; then the broker stopped in the middle of a flow of operations; then PostgreSQL. Nothing
 * good may be lost or done twice, every hostile record must be accounted for, and every service must end up
 * healthy and consuming. The default build runs a subset; {@code -Pchaos} the full run (1,200 hostile records, 100
 * good operations, 30-second outages). Each run prints its table and writes it to docs/reliability.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final int HOSTILE = Integer.getInteger("akscompute.chaos.hostile", 190);
    private static final int GOOD = Integer.getInteger("akscompute.chaos.good", 24);
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("akscompute.chaos.outage-seconds", 30));
    private static final long SEED = Long.getLong("akscompute.chaos.seed", System.nanoTime());
    private static final Duration SETTLE = Duration.ofMinutes(5);

    private static Suite suite;
    private static KafkaProbe kafka;
    private static KafkaProducer<byte[], byte[]> raw;
    private static final Map<String, String> GOOD_ROWS = new LinkedHashMap<>();
    private static String hostileRow;
    private static int seeded;

    @BeforeAll
    static void startSuite() throws Exception {
        System.out.println("[chaos] seed " + SEED + ": repeat with -Dakscompute.chaos.seed=" + SEED);
        suite = TestSuites.start("chaos", false);
        kafka = TestSuites.probe(suite);
        for (var t : Topics.all()) {
            if (t.name().endsWith(Topics.DLQ_SUFFIX)) {
                kafka.records(t.name());
            }
        }
        // Not idempotent: each oversized record the broker refuses would leave a gap in the producer's sequence,
        // and the broker would log the records after it as out of order (errors that are the sender's, not ours).
        raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrap(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopSuite() throws Exception {
        writeReport();
        if (raw != null) {
            raw.close(Duration.ofSeconds(5));
        }
        TestSuites.stop(kafka, suite);
    }

    @Test
    @Order(1)
    void hostileRecordsAmongGoodOperationsAreEachAccountedForAndNothingGoodIsLost() throws Exception {
        HostileRecords generator = new HostileRecords(SEED, suite.secrets().adminToken());
        List<Command> good = goodOperations(GOOD);
        List<HostileRecords.Hostile> hostile = new ArrayList<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<UUID> goodIds = new ArrayList<>();
        int every = Math.max(1, HOSTILE / GOOD);
        for (int n = 0; n < HOSTILE; n++) {
            HostileRecords.Hostile h = generator.next(n);
            hostile.add(h);
            sent.add(raw.send(h.record()));
            if (n % every == 0 && goodIds.size() < good.size()) {
                goodIds.add(kafka.publish(good.get(goodIds.size())));
            }
        }
        while (goodIds.size() < good.size()) {
            goodIds.add(kafka.publish(good.get(goodIds.size())));
        }

        Outcomes outcomes = awaitTerminal(goodIds);
        HostileAccount account = account(hostile, sent);
        assertHealthy();

        GOOD_ROWS.put("among " + HOSTILE + " hostile records", outcomes.cells() + " | | |");
        hostileRow = account.cells();
        System.out.println("[chaos] " + outcomes.row() + "\n[chaos] " + account.row());
        assertThat(outcomes.lost).as("good operations lost: %s", outcomes.notSucceeded).isZero();
        assertThat(outcomes.duplicated).as("good operations with more than one outcome").isZero();
        assertThat(outcomes.succeeded).as("good operations that succeeded; the others: %s", outcomes.notSucceeded)
                .isEqualTo(goodIds.size());
        assertThat(account.unaccounted).as("hostile records neither dead-lettered nor answered: %s",
                account.unaccountedKinds).isEmpty();
        assertThat(account.deadLetteredTwice).as("hostile records dead-lettered more than once").isZero();
    }

    @Test
    @Order(2)
    void theBrokerStoppedInTheMiddleOfAFlowLosesNothing() throws Exception {
        List<Command> good = goodOperations(GOOD);
        List<UUID> ids = new ArrayList<>();
        for (Command c : good.subList(0, good.size() / 2)) {
            ids.add(kafka.publish(c));
        }
        suite.stopBroker();
        Thread.sleep(OUTAGE.toMillis()); // the outage itself: the services are left alone meanwhile
        long restart = System.nanoTime();
        suite.startBroker();
        long back = System.nanoTime();
        for (Command c : good.subList(good.size() / 2, good.size())) {
            ids.add(kafka.publish(c));
        }
        Outcomes outcomes = awaitTerminal(ids);
        double recovered = (System.nanoTime() - restart) / 1e9;
        assertHealthy();

        GOOD_ROWS.put("Kafka broker stopped for " + OUTAGE.toSeconds() + " s mid-flow", outcomes.cells()
                + timing(back - restart, recovered));
        System.out.println("[chaos] broker outage: " + outcomes.row());
        assertThat(outcomes.lost).as("good operations lost: %s", outcomes.notSucceeded).isZero();
        assertThat(outcomes.duplicated).isZero();
        assertThat(outcomes.succeeded).as("good operations that succeeded; the others: %s", outcomes.notSucceeded)
                .isEqualTo(ids.size());
    }

    @Test
    @Order(3)
    void postgresStoppedInTheMiddleOfAFlowLosesNothing() throws Exception {
        List<Command> good = goodOperations(GOOD);
        List<UUID> ids = new ArrayList<>();
        for (Command c : good.subList(0, good.size() / 2)) {
            ids.add(kafka.publish(c));
        }
        long t0 = System.nanoTime();
        suite.stopPostgres();
        for (Command c : good.subList(good.size() / 2, good.size())) {
            ids.add(kafka.publish(c)); // commands arrive while the database is away
        }
        // Health says so while it lasts (and says UP again afterwards, below, without a restart).
        for (ServiceProcess s : suite.services()) {
            Awaitility.await(s.name() + " not ready without its database").atMost(OUTAGE)
                    .pollInterval(Duration.ofMillis(500)).until(() -> !ready(s));
        }
        long left = OUTAGE.toMillis() - (System.nanoTime() - t0) / 1_000_000;
        Thread.sleep(Math.max(0, left)); // the rest of the outage
        long restart = System.nanoTime();
        suite.startPostgres();
        long back = System.nanoTime();
        Outcomes outcomes = awaitTerminal(ids);
        double recovered = (System.nanoTime() - restart) / 1e9;
        assertHealthy();

        GOOD_ROWS.put("PostgreSQL stopped for " + OUTAGE.toSeconds() + " s mid-flow", outcomes.cells()
                + timing(back - restart, recovered));
        System.out.println("[chaos] database outage: " + outcomes.row());
        assertThat(outcomes.lost).as("good operations lost: %s", outcomes.notSucceeded).isZero();
        assertThat(outcomes.duplicated).isZero();
        assertThat(outcomes.succeeded).as("good operations that succeeded; the others: %s", outcomes.notSucceeded)
                .isEqualTo(ids.size());
        assertThat(kafka.records(Topics.COMMANDS_DLQ)).as("no good command dead-lettered")
                .noneMatch(r -> r.key() != null && r.key().startsWith("chaos-good/"));
    }

    // ---- good operations and their outcomes

    /** Attaches of clusters seeded for them, and refreshes of the versions: each should succeed. */
    private static List<Command> goodOperations(int count) throws Exception {
        List<Command> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i % 5 == 4) {
                ops.add(new RefreshVersions("chaos-good", List.of("westus")));
            } else {
                int n = seeded++;
                suite.azure().seedCluster("rg-chaos", "good-" + n, "1.32.7", 1, "Standard_D2_v2");
                ops.add(new AttachCluster("chaos-good", "good-" + n, null, "rg-chaos", "good-" + n,
                        ClusterPurpose.DevTest, null, null, null, null));
            }
        }
        return ops;
    }

    /** How the good operations ended; {@code notSucceeded} holds the events of each that did not succeed. */
    private record Outcomes(int sent, int terminal, int succeeded, int lost, int duplicated, long copies,
            long readAgain, List<String> notSucceeded) {
        String row() {
            return "good operations sent " + sent + ", terminal " + terminal + ", succeeded " + succeeded
                    + ", lost " + lost + ", duplicated " + duplicated + ", status events copied on the topic " + copies
                    + ", read again by the test's consumer " + readAgain;
        }

        String cells() {
            return sent + " | " + terminal + " | " + succeeded + " | " + lost + " | " + duplicated + " | " + copies
                    + " | " + readAgain;
        }
    }

    /**
     * The restart (starting the broker or the database until it takes connections) apart from the whole recovery,
     * which counts from the end of the outage and includes the restart.
     */
    private static String timing(long restartNanos, double recoveredSeconds) {
        return String.format(java.util.Locale.ROOT, " | %.1f s | %.1f s |", restartNanos / 1e9, recoveredSeconds);
    }

    private static Outcomes awaitTerminal(List<UUID> ids) {
        String succeeded = CloudEventTypes.of("OperationSucceeded");
        String failed = CloudEventTypes.of("OperationFailed");
        try {
            Awaitility.await("every good operation to end").atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                    .until(() -> ids.stream().allMatch(id -> terminal(id, succeeded, failed) > 0));
        } catch (org.awaitility.core.ConditionTimeoutException stillRunning) {
            // counted as lost below
        }
        int terminal = 0;
        int ok = 0;
        int lost = 0;
        int duplicated = 0;
        long copies = 0;
        long readAgain = 0;
        List<String> notSucceeded = new ArrayList<>();
        for (UUID id : ids) {
            // An event sent again (the same CloudEvent id, as consumers deduplicate it) is one event. A copy sits at
            // another offset; a record the test's consumer fetched again after a broker restart, at the same one.
            List<KafkaProbe.StatusRecord> events = kafka.statusOf(id);
            long outcomes = events.stream().filter(e -> e.type().equals(succeeded) || e.type().equals(failed))
                    .map(e -> KafkaProbe.header(e.record(), "ce_id")).distinct().count();
            long accepted = events.stream().filter(e -> e.type().equals(CloudEventTypes.of("OperationAccepted")))
                    .map(e -> KafkaProbe.header(e.record(), "ce_id")).distinct().count();
            long onTopic = events.stream().map(e -> e.record().partition() + "@" + e.record().offset()).distinct()
                    .count();
            readAgain += events.size() - onTopic;
            copies += onTopic - events.stream().map(e -> KafkaProbe.header(e.record(), "ce_id")).distinct().count();
            terminal += outcomes > 0 ? 1 : 0;
            ok += events.stream().anyMatch(e -> e.type().equals(succeeded)) ? 1 : 0;
            lost += outcomes == 0 ? 1 : 0;
            duplicated += outcomes > 1 || accepted > 1 ? 1 : 0;
            if (outcomes == 0 || events.stream().anyMatch(e -> e.type().equals(failed))) {
                String how = "operation " + id + ": " + events.stream().map(e -> e.type() + " " + e.data()).toList();
                notSucceeded.add(how);
                System.out.println("[chaos] " + how);
            }
        }
        return new Outcomes(ids.size(), terminal, ok, lost, duplicated, copies, readAgain, notSucceeded);
    }

    private static long terminal(UUID id, String succeeded, String failed) {
        return kafka.statusOf(id).stream().filter(e -> e.type().equals(succeeded) || e.type().equals(failed))
                .count();
    }

    // ---- hostile records and where each went

    private static final class HostileAccount {
        int sent;
        int refusedByBroker;
        int deadLettered;
        int answered;
        int versionsForged;
        int deadLetteredTwice;
        final List<String> unaccounted = new ArrayList<>();
        final Set<String> unaccountedKinds = new HashSet<>();

        String row() {
            return "hostile records sent " + sent + ", refused by the broker " + refusedByBroker
                    + ", dead-lettered with a reason " + deadLettered + ", answered by OperationFailed " + answered
                    + ", forged aks.versions (counted only) " + versionsForged + ", unaccounted " + unaccounted.size();
        }

        String cells() {
            return "| " + sent + " | " + refusedByBroker + " | " + deadLettered + " | " + answered + " | "
                    + versionsForged + " | " + unaccounted.size() + " | " + deadLetteredTwice + " |";
        }
    }

    private static HostileAccount account(List<HostileRecords.Hostile> hostile, List<Future<RecordMetadata>> sent)
            throws Exception {
        HostileAccount a = new HostileAccount();
        Map<String, RecordMetadata> placed = new HashMap<>();
        for (int i = 0; i < hostile.size(); i++) {
            a.sent++;
            try {
                RecordMetadata m = sent.get(i).get(60, TimeUnit.SECONDS);
                placed.put(String.valueOf(i), m);
            } catch (ExecutionException refused) {
                a.refusedByBroker++;
            }
        }
        Awaitility.await("every hostile record to be dead-lettered or answered").atMost(SETTLE)
                .pollInterval(Duration.ofSeconds(2)).until(() -> unaccounted(hostile, placed).isEmpty());
        for (int i = 0; i < hostile.size(); i++) {
            HostileRecords.Hostile h = hostile.get(i);
            RecordMetadata m = placed.get(String.valueOf(i));
            if (m == null) {
                continue;
            }
            if (h.versions()) {
                a.versionsForged++;
                continue;
            }
            long copies = deadLetterCopies(m);
            if (copies > 1) {
                a.deadLetteredTwice++;
            }
            if (copies > 0) {
                a.deadLettered++;
            } else if (h.operationId() != null && answeredByFailure(h.operationId())) {
                a.answered++;
            } else {
                a.unaccounted.add(h.kind() + " @" + m.topic() + "-" + m.partition() + ":" + m.offset());
                a.unaccountedKinds.add(h.kind());
            }
        }
        return a;
    }

    private static List<Integer> unaccounted(List<HostileRecords.Hostile> hostile, Map<String, RecordMetadata> placed) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            HostileRecords.Hostile h = hostile.get(i);
            RecordMetadata m = placed.get(String.valueOf(i));
            if (m != null && !h.versions() && deadLetterCopies(m) == 0
                    && !(h.operationId() != null && answeredByFailure(h.operationId()))) {
                open.add(i);
            }
        }
        return open;
    }

    private static long deadLetterCopies(RecordMetadata m) {
        return kafka.records(Topics.deadLetters(m.topic())).stream()
                .filter(r -> String.valueOf(m.offset()).equals(KafkaProbe.header(r, "dead-letter-offset"))
                        && String.valueOf(m.partition()).equals(KafkaProbe.header(r, "dead-letter-partition"))
                        && m.topic().equals(KafkaProbe.header(r, "dead-letter-topic"))
                        && !String.valueOf(KafkaProbe.header(r, "dead-letter-reason")).isBlank())
                .count();
    }

    private static boolean answeredByFailure(UUID id) {
        return kafka.statusOf(id).stream().anyMatch(e -> e.type().equals(CloudEventTypes.of("OperationFailed")));
    }

    // ---- health

    private static void assertHealthy() throws Exception {
        for (ServiceProcess s : suite.services()) {
            assertThat(suite.process(s.name()).isAlive()).as(s.name() + " alive").isTrue();
            Awaitility.await(s.name() + " ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ready(s));
        }
    }

    private static boolean ready(ServiceProcess s) {
        try {
            return s.http().send(HttpRequest.newBuilder(URI.create(s.url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    // ---- the report

    private static void writeReport() throws Exception {
        if (GOOD_ROWS.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder();
        table.append("| good operations | sent | terminal | succeeded | lost | duplicated | status events copied on"
                + " aks.status (same id, another offset) | read again by the test's consumer (same offset) | its"
                + " restart took | all terminal after the outage ended |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        GOOD_ROWS.forEach((scenario, cells) -> table.append("| ").append(scenario).append(" | ").append(cells)
                .append("\n"));
        if (hostileRow != null) {
            table.append("\n| hostile records sent | refused by the broker (too large) | dead-lettered with a reason | "
                    + "answered by OperationFailed | forged aks.versions (state, not commands: counted only) | "
                    + "unaccounted | dead-lettered twice |\n|---|---|---|---|---|---|---|\n").append(hostileRow)
                    .append("\n");
        }
        boolean healthy = true;
        for (ServiceProcess s : suite.services()) {
            healthy &= suite.process(s.name()).isAlive() && ready(s);
        }
        table.append("\nServices alive (never restarted) and ready at the end: ").append(healthy ? "all four" : "NOT ALL")
                .append(".\n");
        String run = HOSTILE >= 1000 ? "full" : "subset";
        String body = "Run " + java.time.LocalDate.now() + ", seed " + SEED + ", `" + (run.equals("full")
                ? "mvn -B install -DskipTests && mvn -B verify -Pchaos -pl deploy/launcher -Dtest=ChaosTest"
                : "mvn -B verify") + "`:\n\n" + table;
        System.out.println("[chaos] report\n" + table);
        DocSection.write(REPO, "docs/reliability.md", "chaos:" + run, body);
    }
}
