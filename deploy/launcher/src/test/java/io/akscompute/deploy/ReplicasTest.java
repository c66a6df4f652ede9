package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.DeleteCluster;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.contract.command.ReattachCluster;
import io.akscompute.common.contract.command.ScaleCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.testing.KafkaProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every service runs twice (or {@code -Dakscompute.replicas=N} times) on the one broker and PostgreSQL. Two
 * operations per compute, the second sent once the first has ended: creates, attaches, and then scales, deletes,
 * updates, re-attaches and detaches. Half way through, a replica of every service is SIGKILLed and not restarted:
 * the others take its partitions and its due work. Every operation must end once, each compute's status events in
 * order, and no cluster created in Azure twice. Writes its row to docs/scaling.md.
 */
class ReplicasTest {
    private static final int REPLICAS = Integer.getInteger("akscompute.replicas", 2);
    private static final int COMPUTES = Integer.getInteger("akscompute.replicas.computes", 100);
    private static final Duration TERMINAL = Duration.ofMinutes(10);
    private static final String WS = "replicas";
    private static final String RG = "rg-replicas";
    private static final String CLUSTER_PUT = "ManagedClusters_CreateOrUpdate";
    private static final Set<String> TERMINAL_TYPES = Set.of(CloudEventTypes.of("OperationSucceeded"),
            CloudEventTypes.of("OperationFailed"));

    private static Suite suite;
    private static KafkaProbe kafka;

    @BeforeAll
    static void startSuite() throws Exception {
        Suite started = Suite.start(TestSuites.REPO, TestSuites.REPO.resolve("deploy/launcher/target/replicas-"
                + System.currentTimeMillis()), SuitePorts.free(), line -> System.out.println("[suite] " + line),
                false, REPLICAS);
        suite = started;
        kafka = TestSuites.probe(suite);
        suite.azure().control("PUT", "settings", "{\"provisioningDelayMillis\":500}");
    }

    @AfterAll
    static void stopSuite() {
        TestSuites.stop(kafka, suite);
    }

    /** A compute's two operations: the first is sent at once, the second when the first has ended. */
    private record Plan(String compute, Command first, Command second) {
    }

    @Test
    void everyOperationEndsOnceInOrderWhileAReplicaOfEachServiceIsKilled() throws Exception {
        List<Plan> plans = new ArrayList<>();
        int creates = 0;
        for (int i = 0; i < COMPUTES; i++) {
            String compute = String.format("c%03d", i);
            if (i % 5 == 0) {
                creates++;
                plans.add(new Plan(compute, new CreateCluster(WS, compute, "westus", RG, 1, null,
                        ClusterPurpose.DevTest, null, null, null, null, "replicas", null),
                        i % 10 == 0 ? new ScaleCluster(WS, compute, 2, null) : new DeleteCluster(WS, compute)));
            } else {
                String cluster = "aks-" + compute;
                suite.azure().seedCluster(RG, cluster, "1.32.7", 1, "Standard_D3_v2");
                Command second = switch (i % 3) {
                    case 0 -> new UpdateCluster(WS, compute, null, LoadBalancerType.InternalLoadBalancer, "aks-subnet");
                    case 1 -> new ReattachCluster(WS, compute);
                    default -> new DetachCluster(WS, compute);
                };
                plans.add(new Plan(compute, new AttachCluster(WS, compute, null, RG, cluster, ClusterPurpose.DevTest,
                        null, null, null, null), second));
            }
        }
        long putsBefore = requestCount(CLUSTER_PUT);
        Instant started = Instant.now();
        Map<UUID, Plan> firsts = new LinkedHashMap<>();
        Map<UUID, Plan> seconds = new LinkedHashMap<>();
        for (Plan p : plans) {
            firsts.put(kafka.publish(p.first()), p);
        }
        boolean killed = false;
        Instant deadline = Instant.now().plus(TERMINAL);
        while (Instant.now().isBefore(deadline)) {
            Set<String> ends = outcomes().keySet();
            for (var e : firsts.entrySet()) {
                if (ends.contains(e.getKey().toString()) && !seconds.containsValue(e.getValue())) {
                    seconds.put(kafka.publish(e.getValue().second()), e.getValue());
                }
            }
            if (!killed && REPLICAS > 1 && ends.size() >= plans.size()) {
                // Half of the 2 x COMPUTES operations have ended: a replica of every service dies.
                for (ServiceProcess s : suite.moreReplicas().subList(0, 4)) {
                    suite.killReplica(s.processName());
                }
                killed = true;
            }
            if (seconds.size() == plans.size() && ended(seconds.keySet()) == plans.size()) {
                break;
            }
            Thread.sleep(500);
        }
        long seconds2 = Duration.between(started, Instant.now()).toSeconds();

        List<UUID> all = new ArrayList<>(firsts.keySet());
        all.addAll(seconds.keySet());
        Map<String, Integer> outcomes = outcomes();
        int succeeded = 0;
        List<String> problems = new ArrayList<>();
        int lost = 0;
        int duplicateOutcomes = 0;
        for (UUID op : all) {
            int n = outcomes.getOrDefault(op.toString(), 0);
            lost += n == 0 ? 1 : 0;
            duplicateOutcomes += Math.max(0, n - 1);
            if (n > 0 && kafka.statusOf(op).stream().anyMatch(s -> s.type().endsWith("OperationSucceeded.v1"))) {
                succeeded++;
            } else {
                problems.add(describe(op, firsts.containsKey(op) ? firsts.get(op) : seconds.get(op)));
            }
        }
        int outOfOrder = 0;
        for (Plan p : plans) {
            UUID first = key(firsts, p);
            UUID second = key(seconds, p);
            if (!inOrder(p.compute(), first, second)) {
                outOfOrder++;
                problems.add(p.compute() + " events out of order");
            }
        }
        long duplicateCreates = Math.max(0, requestCount(CLUSTER_PUT) - putsBefore - creates);
        int total = all.size();
        String row = "| " + REPLICAS + " | " + total + " | " + (killed ? "1 of each service" : "none") + " | "
                + (total - lost) + " | " + lost + " | " + duplicateOutcomes + " | " + duplicateCreates + " | "
                + outOfOrder + " | " + succeeded + " | " + seconds2 + " s | "
                + String.format("%.2f", total / (double) Math.max(1, seconds2)) + " |";
        System.out.println("[replicas] " + row);
        List<ConsumerRecord<String, String>> status = kafka.records(Topics.STATUS);
        System.out.println("[replicas] status events redelivered with the same id: " + (status.size()
                - status.stream().map(r -> KafkaProbe.header(r, "ce_id")).distinct().count()));
        problems.stream().limit(20).forEach(p -> System.out.println("[replicas] " + p));
        DocSection.write(TestSuites.REPO, "docs/scaling.md", "replicas:" + REPLICAS, """
                | replicas of each service | operations | killed | terminal | lost | duplicate outcomes | \
                duplicate Azure creates | computes out of order | succeeded | took | operations/s |
                |---|---|---|---|---|---|---|---|---|---|---|
                """ + row + "\n");

        assertThat(lost).as("operations without an outcome: %s", problems).isZero();
        assertThat(duplicateOutcomes).as("operations that ended twice").isZero();
        assertThat(duplicateCreates).as("clusters created in Azure twice").isZero();
        assertThat(outOfOrder).as("computes whose events are out of order: %s", problems).isZero();
        assertThat(succeeded).as("operations that did not succeed: %s", problems).isEqualTo(total);
        assertThat(killed || REPLICAS == 1).as("a replica of each service was killed").isTrue();
    }

    private static int ended(Set<UUID> ops) {
        Set<String> ends = outcomes().keySet();
        return (int) ops.stream().filter(op -> ends.contains(op.toString())).count();
    }

    /**
     * How many outcomes (OperationSucceeded or OperationFailed) each operation id has on aks.status so far, as a
     * consumer sees them: an event redelivered with its CloudEvent id (a relay killed between the broker's ack and
     * its commit sends its rows again; consumers deduplicate by id) is one outcome.
     */
    private static Map<String, Integer> outcomes() {
        Map<String, Set<String>> ids = new HashMap<>();
        for (ConsumerRecord<String, String> r : kafka.records(Topics.STATUS)) {
            if (TERMINAL_TYPES.contains(KafkaProbe.header(r, "ce_type"))) {
                ids.computeIfAbsent(KafkaProbe.header(r, "ce_correlationid"), k -> new HashSet<>())
                        .add(KafkaProbe.header(r, "ce_id"));
            }
        }
        Map<String, Integer> outcomes = new HashMap<>();
        ids.forEach((op, events) -> outcomes.put(op, events.size()));
        return outcomes;
    }

    private static UUID key(Map<UUID, Plan> map, Plan plan) {
        return map.entrySet().stream().filter(e -> e.getValue() == plan).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    /**
     * The compute's status events, in the order Kafka keeps them (one partition per compute): the first
     * operation's all before the second's, each ending with its outcome and its step indexes never going back
     * while it runs forward.
     */
    private static boolean inOrder(String compute, UUID first, UUID second) {
        Set<String> seen = new HashSet<>(); // a redelivered event (same CloudEvent id) is the event already seen
        List<KafkaProbe.StatusRecord> events = kafka.records(Topics.STATUS).stream()
                .filter(r -> (WS + "/" + compute).equals(r.key()) && seen.add(KafkaProbe.header(r, "ce_id")))
                .map(KafkaProbe.StatusRecord::new).toList();
        int lastOfFirst = -1;
        int firstOfSecond = Integer.MAX_VALUE;
        int index = -1;
        for (int i = 0; i < events.size(); i++) {
            String op = KafkaProbe.header(events.get(i).record(), "ce_correlationid");
            if (first.toString().equals(op)) {
                lastOfFirst = i;
            } else if (second != null && second.toString().equals(op)) {
                firstOfSecond = Math.min(firstOfSecond, i);
            }
        }
        for (UUID op : second == null ? List.of(first) : List.of(first, second)) {
            index = -1;
            boolean ended = false;
            for (KafkaProbe.StatusRecord e : events) {
                if (!op.toString().equals(KafkaProbe.header(e.record(), "ce_correlationid"))) {
                    continue;
                }
                if (ended) {
                    return false; // something after the outcome
                }
                if (TERMINAL_TYPES.contains(e.type())) {
                    ended = true;
                } else if (e.type().endsWith("OperationProgress.v1")) {
                    int i = e.data().path("index").asInt();
                    if (i < index) {
                        return false;
                    }
                    index = i;
                }
            }
        }
        return lastOfFirst < firstOfSecond;
    }

    private static String describe(UUID op, Plan plan) {
        return plan.compute() + " " + op + " " + kafka.statusOf(op).stream()
                .map(r -> r.type().replaceAll(".*\\.(\\w+)\\.v1", "$1") + " " + r.data()).toList();
    }

    private static long requestCount(String operation) throws Exception {
        return Json.MAPPER.readTree(suite.azure().control("GET", "requests", null)).path(operation).asLong();
    }
}
