package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.azure.AzureSettings;
import io.akscompute.common.azure.KubernetesClients;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.InClusterNames;
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
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.testing.KafkaProbe;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The suite as real processes, one service killed with SIGKILL in one step of one operation and started again:
 * the operation must end as it would have without the kill, Azure and the clusters must hold exactly what that
 * outcome implies (no orphan cluster, no stray front end or TLS secret), and no create may reach Azure twice. Then
 * Azure faults while the services poll, then mixed operations with kills at random points. The default build runs
 * a representative subset; {@code -Pkill-matrix} runs every service in every step and 100 random operations, and
 * writes the tables to docs/reliability.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillMatrixTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final boolean FULL = Boolean.getBoolean("akscompute.kills.full");
    private static final int RANDOM_OPERATIONS = Integer.getInteger("akscompute.kills.random", 8);
    private static final long SEED = Long.getLong("akscompute.kills.seed", System.nanoTime());
    private static final Duration TERMINAL = Duration.ofMinutes(6);
    private static final String WS = "kills";
    private static final String RG = "rg-kills";
    private static final String PUT = "ManagedClusters_CreateOrUpdate";
    private static final List<String> SERVICES = List.of("provisioner", "attacher", "tls-manager", "version-catalog");

    private static Suite suite;
    private static KafkaProbe kafka;
    private static AzureClients azure;
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final List<String> MATRIX_ROWS = new ArrayList<>();
    private static final List<String> FAULT_ROWS = new ArrayList<>();
    private static String randomRow;

    @BeforeAll
    static void startSuite() throws Exception {
        System.out.println("[kills] seed " + SEED + ": repeat with -Dakscompute.kills.seed=" + SEED);
        suite = TestSuites.start("kills", false);
        kafka = TestSuites.probe(suite);
        azure = new AzureClients(AzureSettings.emulator(URI.create(suite.azure().endpoint()),
                suite.azure().caPem()).withSubscriptionId(AzureEmulatorProcess.SUBSCRIPTION));
        suite.azure().control("PUT", "settings", "{\"provisioningDelayMillis\":1500}");
    }

    @AfterAll
    static void stopSuite() throws Exception {
        writeReport();
        TestSuites.stop(kafka, suite);
    }

    // ---- the operations, each with what must hold after it ----

    /** What an operation needs before it runs (a compute to delete, a cluster to attach), and its command. */
    private interface Scenario {
        String name();

        /** Sets up what the operation needs; returns the command to send. */
        Command prepare(String compute) throws Exception;

        /** The step after which the operation fails on purpose (its front-end install is refused), or null. */
        default String failAfter() {
            return null;
        }

        default boolean succeeds() {
            return failAfter() == null;
        }
    }

    private record Simple(String name, Prepare prepare, String failAfter) implements Scenario {
        @Override
        public Command prepare(String compute) throws Exception {
            return prepare.command(compute);
        }
    }

    private interface Prepare {
        Command command(String compute) throws Exception;
    }

    private static SslConfiguration tls(String compute) {
        return SslConfiguration.auto(compute.replace("-", ""));
    }

    private static CreateCluster create(String compute, SslConfiguration ssl) {
        return new CreateCluster(WS, compute, "westus", RG, 1, null, ClusterPurpose.DevTest, null, null, null, ssl,
                "kill matrix", null);
    }

    private static String seed(String compute) throws Exception {
        String cluster = "aks-" + compute;
        suite.azure().seedCluster(RG, cluster, "1.32.7", 3, "Standard_D3_v2");
        return cluster;
    }

    private static AttachCluster attach(String compute, String cluster, SslConfiguration ssl) {
        return new AttachCluster(WS, compute, null, RG, cluster, ClusterPurpose.DevTest, null, null, ssl, null);
    }

    /** Runs a command to success without kills: the starting point of delete, scale, update, re-attach, detach. */
    private static void done(Command command) {
        UUID op = kafka.publish(command);
        assertThat(kafka.awaitStatus(op, "OperationSucceeded", TERMINAL)).isNotNull();
    }

    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        add(new Simple("create", c -> create(c, tls(c)), null));
        add(new Simple("attach", c -> attach(c, seed(c), tls(c)), null));
        add(new Simple("update", c -> {
            done(attach(c, seed(c), tls(c)));
            return new UpdateCluster(WS, c, new SslConfiguration(SslStatus.Disabled, null, null, null, null, null),
                    null, null);
        }, null));
        add(new Simple("reattach", c -> {
            done(attach(c, seed(c), tls(c)));
            return new ReattachCluster(WS, c);
        }, null));
        add(new Simple("detach", c -> {
            done(attach(c, seed(c), tls(c)));
            return new DetachCluster(WS, c);
        }, null));
        add(new Simple("delete", c -> {
            done(create(c, null));
            return new DeleteCluster(WS, c);
        }, null));
        add(new Simple("scale", c -> {
            done(create(c, null));
            return new ScaleCluster(WS, c, 2, null);
        }, null));
        // Failed on purpose once TLS is configured: the kubeconfig is refused once, so the next step fails and
        // every finished step is undone.
        add(new Simple("failed create", c -> create(c, tls(c)), "configure-tls"));
        add(new Simple("failed attach", c -> attach(c, seed(c), tls(c)), "configure-tls"));
    }

    private static void add(Scenario s) {
        SCENARIOS.put(s.name(), s);
    }

    /** The steps of each operation as its saga runs them, and the undo steps of the failing ones. */
    private static final Map<String, List<String>> STEPS = Map.of(
            "create", List.of("check-vm-size", "reserve-name", "pick-version", "resource-group", "create-cluster",
                    "configure-tls", "register"),
            "attach", List.of("reserve-name", "find-cluster", "check-cluster", "configure-tls", "install-front-end",
                    "register"),
            "update", List.of("find-compute", "remove-tls", "update-front-end", "register"),
            "reattach", List.of("find-compute", "restore-tls", "reinstall-front-end", "register"),
            "detach", List.of("find-compute", "remove-front-end", "remove-tls", "unregister"),
            "delete", List.of("lock-compute", "find-compute", "unregister", "delete-cluster", "release-name"),
            "scale", List.of("lock-compute", "check-scale", "scale-node-pool", "update-registry"),
            "failed create", List.of("undo configure-tls", "undo create-cluster", "undo reserve-name"),
            "failed attach", List.of("undo install-front-end", "undo configure-tls", "undo reserve-name"));

    /** One kill (or several in a row): in that step of that operation, that service. */
    private record Case(String operation, String step, String victim, int times) {
        Case(String operation, String step, String victim) {
            this(operation, step, victim, 1);
        }
    }

    /**
     * A participant down when the owner asks it for a short action, then started, killed again and started: the
     * request must still reach it before its deadline (a killed consumer's partitions move only when its group
     * session times out, once per dead member).
     */
    private static final Case TWICE = new Case("create", "reserve-name", "attacher", 2);

    private static List<Case> matrix() {
        List<Case> cases = new ArrayList<>();
        if (FULL) {
            STEPS.keySet().stream().sorted(java.util.Comparator.comparing(k -> new ArrayList<>(SCENARIOS.keySet())
                    .indexOf(k))).forEach(op -> STEPS.get(op)
                    .forEach(step -> SERVICES.forEach(victim -> cases.add(new Case(op, step, victim)))));
            cases.add(TWICE);
            return cases;
        }
        // The subset of every build: each service killed in a step it carries out, and one undo.
        cases.add(new Case("create", "create-cluster", "provisioner"));
        cases.add(new Case("create", "pick-version", "version-catalog"));
        cases.add(new Case("attach", "install-front-end", "attacher"));
        cases.add(new Case("attach", "configure-tls", "tls-manager"));
        cases.add(new Case("scale", "scale-node-pool", "provisioner"));
        cases.add(new Case("failed create", "undo create-cluster", "provisioner"));
        cases.add(TWICE);
        return cases;
    }

    // ---- the matrix ----

    @Test
    @Order(1)
    void anyServiceKilledInAnyStepLeavesTheOperationTerminalAndAzureClean() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Case c : matrix()) {
            Outcome o = run(SCENARIOS.get(c.operation()), c.step(), c.victim(), c.times());
            String row = "| " + c.operation() + " | " + c.step() + " | " + c.victim()
                    + (c.times() > 1 ? ", " + c.times() + " times in a row" : "") + " | " + o.killedWhere + " | "
                    + o.result + " | " + (o.terminal ? 0 : 1) + " | " + o.orphans.size() + " | " + o.duplicateCreates
                    + " |";
            MATRIX_ROWS.add(row);
            System.out.println("[kills] " + row + (o.orphans.isEmpty() ? "" : " orphans: " + o.orphans));
            if (!o.clean()) {
                problems.add(c + ": " + o);
            }
        }
        assertThat(problems).as("kills that never landed, lost an operation, changed its outcome, left an orphan or "
                + "created twice").isEmpty();
    }

    /** What became of one operation. */
    private static final class Outcome {
        boolean terminal;
        boolean expectedOutcome;
        String result = "lost";
        String killedWhere = "not reached";
        List<String> orphans = new ArrayList<>();
        long duplicateCreates;

        /** A case whose step never began killed nothing, and proves nothing: a renamed step must fail here. */
        boolean clean() {
            return !killedWhere.equals("not reached") && terminal && expectedOutcome && orphans.isEmpty()
                    && duplicateCreates == 0;
        }

        @Override
        public String toString() {
            return "terminal=" + terminal + " result=" + result + " expected=" + expectedOutcome + " killed "
                    + killedWhere + " orphans=" + orphans + " duplicateCreates=" + duplicateCreates;
        }
    }

    private static Outcome run(Scenario scenario, String step, String victim, int times) throws Exception {
        String compute = "k" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 4);
        Command command = scenario.prepare(compute);
        long createsBefore = creates();
        // Killed more than once: down before the command, so that the step cannot end before the kills.
        boolean down = times > 1;
        if (down) {
            suite.kill(victim);
        }
        if (scenario.failAfter() != null) {
            // The attacher's front-end Deployment (installed after failAfter's step) is refused by the cluster's API
            // server. Set before the command and for Deployments only: set once that step was seen done, it lost a
            // race with the install now and then, and the operation succeeded.
            suite.azure().control("POST", "faults", """
                    {"operation":"Kubernetes_Post","kind":"RESPOND","times":1,"status":403,"code":"Forbidden",
                     "message":"the kill matrix refuses this write once","pathContains":"/namespaces/%s/deployments"}
                    """.formatted(InClusterNames.NAMESPACE));
        }
        try {
            return run(scenario, step, victim, times, compute, command, down, createsBefore);
        } finally {
            suite.azure().control("DELETE", "faults", null); // one not taken must not meet the next case
        }
    }

    private static Outcome run(Scenario scenario, String step, String victim, int times, String compute,
            Command command, boolean down, long createsBefore) throws Exception {
        Instant started = Instant.now();
        UUID op = kafka.publish(command);
        boolean undo = step.startsWith("undo ");
        String stepName = undo ? step.substring(5) : step;
        Outcome o = new Outcome();
        boolean reached = awaitProgressOrTerminal(op, stepName, undo ? "undoing" : "started");
        if (reached) {
            o.killedWhere = down ? "down when the step began, then killed again"
                    : kafka.statusOf(op).stream().anyMatch(s -> isProgress(s, stepName, undo ? "undone" : "done"))
                    ? "after the step" : "in the step";
            Instant killed = Instant.now();
            if (down) {
                suite.restart(victim);
            }
            for (int i = down ? 1 : 0; i < times; i++) {
                suite.kill(victim);
                suite.restart(victim);
            }
            System.out.println("[kills] " + victim + " killed " + times + "x, ready again after "
                    + Duration.between(killed, Instant.now()).toMillis() + " ms");
        } else if (down) {
            suite.restart(victim);
        }
        JsonNode last = awaitTerminal(op);
        System.out.println("[kills] " + scenario.name() + " terminal " + Duration.between(started, Instant.now())
                .toMillis() + " ms after it was sent");
        o.terminal = last != null;
        if (o.terminal) {
            boolean succeeded = last.path("type").asText().endsWith("OperationSucceeded.v1");
            o.result = succeeded ? "succeeded" : "failed " + last.path("data").path("code").asText();
            o.expectedOutcome = succeeded == scenario.succeeds();
            o.orphans = orphansAfter(scenario, compute, succeeded);
        }
        long created = creates() - createsBefore;
        long expectedCreates = scenario.name().endsWith("create") ? 1 : 0;
        o.duplicateCreates = Math.max(0, created - expectedCreates);
        return o;
    }

    // ---- what Azure and the clusters must hold ----

    /**
     * What is wrong in Azure after the operation: a cluster or front end or secret that should not be there, or
     * one missing that should be.
     */
    private static List<String> orphansAfter(Scenario scenario, String compute, boolean succeeded) throws Exception {
        List<String> wrong = new ArrayList<>();
        String kind = scenario.name().replace("failed ", "");
        List<String> created = awaitSettledClusters(compute);
        boolean computeExists = computeExists(compute);
        switch (kind) {
            case "create", "scale" -> {
                int want = succeeded ? 1 : 0;
                if (created.size() != want) {
                    wrong.add(created.size() + " clusters tagged for " + compute + ", expected " + want);
                }
                if (computeExists != succeeded) {
                    wrong.add("compute " + (computeExists ? "left in" : "missing from") + " the registry");
                }
                if (succeeded && kind.equals("scale") && agentCount(created.get(0)) != 2) {
                    wrong.add("the node pool of " + created.get(0) + " was not scaled to 2");
                }
                for (String id : created) {
                    wrong.addAll(inCluster(id, succeeded, succeeded && scenario.name().equals("create")));
                }
            }
            case "delete" -> {
                if (!created.isEmpty()) {
                    wrong.add("clusters left after the delete: " + created);
                }
                if (computeExists) {
                    wrong.add("compute left in the registry");
                }
            }
            case "attach", "reattach", "update", "detach" -> {
                String cluster = clusterId("aks-" + compute);
                // A failed update, re-attach or detach leaves the compute attached; only attach can leave nothing.
                boolean attached = switch (kind) {
                    case "attach" -> succeeded;
                    case "detach" -> !succeeded;
                    default -> true;
                };
                boolean tls = attached && !(kind.equals("update") && succeeded);
                if (computeExists != attached) {
                    wrong.add("compute " + (computeExists ? "left in" : "missing from") + " the registry");
                }
                wrong.addAll(inCluster(cluster, attached, tls));
            }
            default -> throw new IllegalStateException(kind);
        }
        return wrong;
    }

    /** The front end and the TLS secret are there exactly when they should be. */
    private static List<String> inCluster(String clusterId, boolean frontEnd, boolean secret) {
        List<String> wrong = new ArrayList<>();
        try (KubernetesClient k8s = KubernetesClients.adminClient(azure, clusterId)) {
            boolean fe = k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE)
                    .withName(InClusterNames.FRONT_END).get() != null;
            boolean svc = k8s.services().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END)
                    .get() != null;
            boolean tls = k8s.secrets().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.TLS_SECRET)
                    .get() != null;
            if (fe != frontEnd || svc != frontEnd) {
                wrong.add("front end " + (fe || svc ? "left in " : "missing from ") + clusterId);
            }
            if (tls != secret) {
                wrong.add("TLS secret " + (tls ? "left in " : "missing from ") + clusterId);
            }
        }
        return wrong;
    }

    /** Ids of the clusters akscompute tagged for this compute, once none of them is being deleted any more. */
    private static List<String> awaitSettledClusters(String compute) {
        List<List<String>> seen = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode all = Json.MAPPER.readTree(suite.azure().control("GET", "clusters", null));
            List<String> ids = new ArrayList<>();
            boolean deleting = false;
            for (JsonNode c : all) {
                if (compute.equals(c.path("tags").path("akscompute-compute").asText())
                        && WS.equals(c.path("tags").path("akscompute-workspace").asText())) {
                    ids.add(c.path("id").asText());
                    deleting |= "Deleting".equals(c.path("properties").path("provisioningState").asText());
                }
            }
            seen.add(ids);
            return !deleting;
        });
        return seen.get(seen.size() - 1);
    }

    private static String clusterId(String name) {
        return "/subscriptions/" + AzureEmulatorProcess.SUBSCRIPTION + "/resourceGroups/" + RG
                + "/providers/Microsoft.ContainerService/managedClusters/" + name;
    }

    private static int agentCount(String clusterId) {
        String[] p = clusterId.split("/");
        return azure.containerServiceManager().serviceClient().getManagedClusters().getByResourceGroup(p[4], p[8])
                .agentPoolProfiles().get(0).count();
    }

    private static boolean computeExists(String compute) throws Exception {
        HttpResponse<String> r = suite.service("attacher").http().send(HttpRequest.newBuilder(URI.create(
                suite.service("attacher").url()
                + "/workspaces/" + WS + "/computes/" + compute))
                .header("Authorization", "Bearer " + suite.secrets().adminToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
    }

    /**
     * The cluster creates Azure accepted: a create-only PUT refused because the cluster exists (what the step sends
     * again after a kill between its PUT and the commit of its result) creates nothing.
     */
    private static long creates() throws Exception {
        return requestCount(PUT) - requestCount(io.akscompute.emulator.EmulatorControl.preconditionFailed(PUT));
    }

    private static long requestCount(String operation) throws Exception {
        return Json.MAPPER.readTree(suite.azure().control("GET", "requests", null)).path(operation).asLong();
    }

    // ---- watching an operation ----

    private static boolean isProgress(KafkaProbe.StatusRecord s, String step, String prefix) {
        return s.type().endsWith("OperationProgress.v1") && step.equals(s.data().path("step").asText())
                && s.data().path("message").asText().startsWith(prefix);
    }

    private static boolean isTerminal(KafkaProbe.StatusRecord s) {
        return s.type().endsWith("OperationSucceeded.v1") || s.type().endsWith("OperationFailed.v1");
    }

    private static Predicate<ConsumerRecord<String, String>> of(UUID op, Predicate<KafkaProbe.StatusRecord> match) {
        return r -> op.toString().equals(KafkaProbe.header(r, "ce_correlationid"))
                && match.test(new KafkaProbe.StatusRecord(r));
    }

    /** True when the step's event came; false when the operation ended without reaching it (then no kill). */
    private static boolean awaitProgressOrTerminal(UUID op, String step, String prefix) {
        var r = kafka.await(Topics.STATUS, of(op, s -> isProgress(s, step, prefix) || isTerminal(s)), TERMINAL);
        return !isTerminal(new KafkaProbe.StatusRecord(r));
    }

    /** The operation's terminal event as {type, data}, or null when none came in time (lost). */
    private static JsonNode awaitTerminal(UUID op) {
        try {
            var r = new KafkaProbe.StatusRecord(kafka.await(Topics.STATUS, of(op, KillMatrixTest::isTerminal),
                    TERMINAL));
            return Json.MAPPER.createObjectNode().put("type", r.type()).set("data", r.data());
        } catch (AssertionError | RuntimeException timedOut) {
            return null;
        }
    }

    // ---- Azure faults while the services poll ----

    private record AzureFault(String name, String fault, String scenario, boolean succeeds) {
    }

    @Test
    @Order(2)
    void azureFaultsWhilePollingEndEachOperationAsAzureDecided() throws Exception {
        String status = "Operations_GetStatus";
        List<AzureFault> faults = List.of(
                new AzureFault("429 on the create's polls", """
                        {"operation":"%s","kind":"RESPOND","times":3,"status":429,"code":"TooManyRequests"}"""
                        .formatted(status), "create", true),
                new AzureFault("500 on the create's polls", """
                        {"operation":"%s","kind":"RESPOND","times":3,"status":500,"code":"InternalServerError"}"""
                        .formatted(status), "create", true),
                new AzureFault("a poll that hangs 20 s", """
                        {"operation":"%s","kind":"HANG","times":1,"hangMillis":20000}""".formatted(status),
                        "create", true),
                new AzureFault("the create's LRO fails", """
                        {"operation":"%s","kind":"FAIL_LRO","times":1,"code":"InternalOperationError"}"""
                        .formatted(PUT), "create", false),
                new AzureFault("the scale's LRO fails", """
                        {"operation":"AgentPools_CreateOrUpdate","kind":"FAIL_LRO","times":1,
                         "code":"InternalOperationError"}""", "scale", false),
                new AzureFault("the delete's LRO fails", """
                        {"operation":"ManagedClusters_Delete","kind":"FAIL_LRO","times":1,
                         "code":"InternalOperationError"}""", "delete", false));
        List<String> problems = new ArrayList<>();
        for (AzureFault f : FULL ? faults : List.of(faults.get(0), faults.get(3), faults.get(5))) {
            Scenario s = SCENARIOS.get(f.scenario());
            String compute = "f" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 4);
            Command command = s.prepare(compute);
            long createsBefore = creates();
            suite.azure().control("POST", "faults", f.fault());
            JsonNode last = awaitTerminal(kafka.publish(command));
            suite.azure().control("DELETE", "faults", null);
            boolean succeeded = last != null && last.path("type").asText().endsWith("OperationSucceeded.v1");
            List<String> wrong = new ArrayList<>();
            if (last != null && !succeeded && !f.scenario().equals("create")) {
                // A failed scale or delete keeps the compute and its cluster (a failed delete shows it Deleting):
                // the same command again finishes the job.
                List<String> clusters = awaitSettledClusters(compute);
                if (clusters.size() != 1 || !computeExists(compute)) {
                    wrong.add("a failed " + f.scenario() + " must keep the compute and its cluster, found "
                            + clusters);
                } else if (f.scenario().equals("scale")) {
                    wrong.addAll(inCluster(clusters.get(0), true, false));
                }
            } else if (last != null) {
                wrong = orphansAfter(s, compute, succeeded);
            }
            long duplicates = Math.max(0, creates() - createsBefore - (f.scenario().equals("create") ? 1 : 0));
            String result = last == null ? "lost" : succeeded ? "succeeded"
                    : "failed " + last.path("data").path("code").asText();
            String row = "| " + f.name() + " | " + f.scenario() + " | " + result + " | " + wrong.size() + " | "
                    + duplicates + " |";
            FAULT_ROWS.add(row);
            System.out.println("[kills] " + row + (wrong.isEmpty() ? "" : " " + wrong));
            if (last == null || succeeded != f.succeeds() || !wrong.isEmpty() || duplicates > 0) {
                problems.add(f.name() + ": " + row + " " + wrong);
            }
        }
        assertThat(problems).isEmpty();
    }

    // ---- mixed operations, kills at random points ----

    @Test
    @Order(3)
    void mixedOperationsWithKillsAtRandomPointsAllEndCleanly() throws Exception {
        Random random = new Random(SEED);
        List<String> kinds = List.of("create", "attach", "update", "reattach", "detach", "delete", "scale");
        Map<UUID, String> running = new LinkedHashMap<>();
        Map<UUID, Scenario> scenarioOf = new LinkedHashMap<>();
        long createsBefore = creates();
        int creates = 0;
        int kills = 0;
        Instant started = Instant.now();
        // Prepared one by one (their set-up runs without kills), then sent in waves of five with a kill in each.
        for (int n = 0; n < RANDOM_OPERATIONS; n++) {
            String kind = kinds.get(random.nextInt(kinds.size()));
            creates += kind.equals("create") ? 1 : 0;
            Scenario s = SCENARIOS.get(kind);
            String compute = "r" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 4);
            Command command = s.prepare(compute);
            createsBefore += kind.equals("delete") || kind.equals("scale") ? 1 : 0;
            UUID op = kafka.publish(command);
            running.put(op, compute);
            scenarioOf.put(op, s);
            if (running.size() % 5 == 0 || n == RANDOM_OPERATIONS - 1) {
                Thread.sleep(random.nextInt(8000));
                String victim = SERVICES.get(random.nextInt(SERVICES.size()));
                suite.kill(victim);
                suite.restart(victim);
                kills++;
            }
        }
        int terminal = 0;
        int lost = 0;
        int orphans = 0;
        int unexpected = 0;
        List<String> problems = new ArrayList<>();
        for (var e : running.entrySet()) {
            JsonNode last = awaitTerminal(e.getKey());
            if (last == null) {
                lost++;
                problems.add(scenarioOf.get(e.getKey()).name() + " " + e.getValue() + ": no terminal event");
                continue;
            }
            terminal++;
            boolean succeeded = last.path("type").asText().endsWith("OperationSucceeded.v1");
            unexpected += succeeded ? 0 : 1;
            List<String> wrong = orphansAfter(scenarioOf.get(e.getKey()), e.getValue(), succeeded);
            orphans += wrong.size();
            if (!wrong.isEmpty() || !succeeded) {
                // The whole history, so that a failure in CI says which step failed and why.
                String line = scenarioOf.get(e.getKey()).name() + " " + e.getValue() + " " + wrong + " "
                        + kafka.statusOf(e.getKey()).stream().map(r -> r.type().replaceAll(".*\\.", "") + " "
                                + r.data()).toList();
                problems.add(line);
                System.out.println("[kills] " + line);
            }
        }
        long duplicates = Math.max(0, creates() - createsBefore - creates);
        randomRow = "| " + RANDOM_OPERATIONS + " | " + kills + " | " + terminal + " | " + lost + " | " + orphans + " | "
                + duplicates + " | " + unexpected + " | " + Duration.between(started, Instant.now()).toSeconds()
                + " s |";
        System.out.println("[kills] " + randomRow);
        assertThat(lost).as("operations lost: %s", problems).isZero();
        assertThat(orphans).as("orphans or missing resources: %s", problems).isZero();
        assertThat(duplicates).as("creates sent to Azure twice").isZero();
        assertThat(unexpected).as("operations a kill made fail: %s", problems).isZero();
    }

    // ---- the report ----

    private static void writeReport() throws Exception {
        if (MATRIX_ROWS.isEmpty() && randomRow == null) {
            return;
        }
        String run = FULL ? "full" : "subset";
        StringBuilder t = new StringBuilder();
        t.append("| operation | step | killed (SIGKILL) | when the kill landed | outcome | lost | orphans or missing "
                + "| duplicate creates |\n|---|---|---|---|---|---|---|---|\n");
        MATRIX_ROWS.forEach(r -> t.append(r).append('\n'));
        if (!FAULT_ROWS.isEmpty()) {
            t.append("\n| Azure fault | operation | outcome | orphans or missing | duplicate creates |\n"
                    + "|---|---|---|---|---|\n");
            FAULT_ROWS.forEach(r -> t.append(r).append('\n'));
        }
        if (randomRow != null) {
            t.append("\n| mixed operations | kills | terminal | lost | orphans | duplicate creates | failed by a kill "
                    + "| took |\n|---|---|---|---|---|---|---|---|\n").append(randomRow).append('\n');
        }
        String body = "Run " + java.time.LocalDate.now() + ", seed " + SEED + ", `"
                + (FULL ? "mvn -B install -DskipTests && mvn -B verify -Pkill-matrix -pl deploy/launcher"
                        + " -Dtest=KillMatrixTest" : "mvn -B verify") + "`:\n\n" + t;
        System.out.println("[kills] report\n" + t);
        DocSection.write(REPO, "docs/reliability.md", "kills:" + run, body);
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
