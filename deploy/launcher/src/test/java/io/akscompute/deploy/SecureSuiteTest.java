package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.DeleteCluster;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.contract.command.ReattachCluster;
import io.akscompute.common.contract.command.RepairCompute;
import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.common.contract.command.RenewCertificate;
import io.akscompute.common.contract.command.ScaleCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.identity.LocalIssuer;
import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.testing.KafkaProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The suite as production runs it: the broker takes SASL_SSL (SCRAM over TLS) only, every service speaks HTTPS
 * only, every call carries a token. A create runs through it with the CLI; then every REST endpoint and every
 * command type is tried by every kind of caller, and the calls that are refused must change nothing. The observed
 * matrix is written to docs/security.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureSuiteTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final String WS1 = "ws1";
    private static final String COMPUTE = "sec1";
    private static final Duration TERMINAL = Duration.ofSeconds(180);
    private static final UUID UNKNOWN = UUID.randomUUID();

    private static Suite suite;
    private static KafkaProbe kafka;
    private static Map<String, String> principals;
    private static String certificateRef;
    private static UUID createOperation;
    /** {@code /clusters/<group>/<name>} of the cluster created for the compute. */
    private static String clusterPath;

    @BeforeAll
    static void startSecureSuite() throws Exception {
        suite = TestSuites.start("secure", true);
        kafka = TestSuites.probe(suite);
        LocalIssuer issuer = suite.secrets().issuer();
        Instant now = Instant.now();
        principals = new LinkedHashMap<>();
        principals.put("none", null);
        principals.put("expired token", issuer.token("erin", Map.of(WS1, WorkspaceRole.ADMIN),
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), LocalIssuer.ISSUER));
        // The issuer's name, someone else's key: what a forged token looks like.
        principals.put("wrong issuer", LocalIssuer.generate().token("mallory", Map.of(WS1, WorkspaceRole.ADMIN),
                Duration.ofHours(1)));
        principals.put("reader ws1", issuer.token("rita", Map.of(WS1, WorkspaceRole.READER), Duration.ofHours(1)));
        principals.put("operator ws1", issuer.token("otto", Map.of(WS1, WorkspaceRole.OPERATOR),
                Duration.ofHours(1)));
        principals.put("admin ws1", issuer.token("ada", Map.of(WS1, WorkspaceRole.ADMIN), Duration.ofHours(1)));
        principals.put("operator ws2", issuer.token("oscar", Map.of("ws2", WorkspaceRole.OPERATOR),
                Duration.ofHours(1)));
        principals.put("admin of every workspace", issuer.token("root",
                Map.of(Caller.ANY_WORKSPACE, WorkspaceRole.ADMIN), Duration.ofHours(1)));
    }

    @AfterAll
    static void stopSuite() {
        TestSuites.stop(kafka, suite);
    }

    @Test
    @Order(1)
    void aCreateRunsThroughSaslSslAndHttpsWithTheCli() throws Exception {
        Cli create = Cli.run(suite, "create", "aks", "-n", COMPUTE, "-w", WS1, "-l", "westus", "--cluster-purpose",
                "DevTest", "--ssl-leaf-domain-label", COMPUTE);
        assertThat(create.exitCode()).as(create.toString()).isZero();

        Cli show = Cli.run(suite, "show", "-n", COMPUTE, "-w", WS1, "-o", "json");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        JsonNode compute = show.json();
        assertThat(compute.path("provisioningState").asText()).isEqualTo("Succeeded");
        certificateRef = compute.at("/properties/sslConfiguration/certificateRef").asText(null);
        assertThat(certificateRef).as(compute.toString()).isNotBlank();
        String[] clusterId = compute.path("resourceId").asText().split("/");
        clusterPath = "/clusters/" + clusterId[4] + "/" + clusterId[8];
        createOperation = UUID.fromString(KafkaProbe.header(kafka.await(Topics.STATUS, r -> r.key() != null
                && r.key().equals(WS1 + "/" + COMPUTE)
                && "akscompute.OperationSucceeded.v1".equals(KafkaProbe.header(r, "ce_type")), TERMINAL),
                "ce_correlationid"));
    }

    @Test
    @Order(2)
    void plainHttpAndPlaintextKafkaAreRefused() throws Exception {
        for (ServiceProcess s : suite.services()) {
            URI plain = URI.create("http://localhost:" + s.port() + "/q/health");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            int status;
            try {
                status = http.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (java.io.IOException refused) {
                status = -1;
            }
            assertThat(status).as("plain HTTP to " + s.name()).isNotEqualTo(200);
        }
        try (Admin plaintext = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000))) {
            assertThatThrownBy(() -> plaintext.listTopics().names().get(20, TimeUnit.SECONDS))
                    .as("a PLAINTEXT client of the SASL_SSL listener").isNotNull();
        }
    }

    // ---- the permission matrix ----

    /** The role an endpoint or a command needs; {@code deniedStatus} is what a caller without it gets. */
    private enum Needs {
        NOTHING, TOKEN, READER, OPERATOR, ADMIN, ADMIN_OF_EVERY_WORKSPACE;

        boolean grants(String principal) {
            return switch (this) {
                // A token that is presented is checked even here: a bad one is refused.
                case NOTHING -> principal.equals("none") || authenticated(principal);
                case TOKEN -> authenticated(principal);
                case READER -> principal.endsWith("ws1") || principal.equals("admin of every workspace");
                case OPERATOR -> principal.equals("operator ws1") || principal.equals("admin ws1")
                        || principal.equals("admin of every workspace");
                case ADMIN -> principal.equals("admin ws1") || principal.equals("admin of every workspace");
                case ADMIN_OF_EVERY_WORKSPACE -> principal.equals("admin of every workspace");
            };
        }
    }

    private static boolean authenticated(String principal) {
        return !Set.of("none", "expired token", "wrong issuer").contains(principal);
    }

    private record Endpoint(String service, String method, String path, String body, Needs needs, int allowed,
            int denied) {
        String label() {
            return method + " " + service + " " + path.replace(certificateRef == null ? "\0" : certificateRef, "{ref}")
                    .replace(clusterPath == null ? "\0" : clusterPath, "/clusters/{group}/{cluster}")
                    .replace(createOperation == null ? "\0" : createOperation.toString(), "{id}")
                    .replace(UNKNOWN.toString(), "{unknown id}");
        }
    }

    private static List<Endpoint> endpoints() {
        String ws1 = "/workspaces/" + WS1;
        String badPem = "{\"cert\":\"not a certificate\",\"key\":\"not a key\",\"cname\":\"x.contoso.com\"}";
        return List.of(
                new Endpoint("version-catalog", "GET", "/q/health/ready", null, Needs.NOTHING, 200, 200),
                new Endpoint("version-catalog", "GET", "/versions?location=westus", null, Needs.TOKEN, 200, 401),
                new Endpoint("version-catalog", "GET", "/versions/default?location=westus", null, Needs.TOKEN, 200,
                        401),
                new Endpoint("version-catalog", "GET", "/versions/1.32.7/supported?location=westus", null,
                        Needs.TOKEN, 200, 401),
                new Endpoint("version-catalog", "GET", "/vmsizes?location=westus", null, Needs.TOKEN, 200, 401),
                new Endpoint("version-catalog", "GET", "/ping", null, Needs.TOKEN, 200, 401),
                new Endpoint("version-catalog", "GET", "/q/metrics", null, Needs.TOKEN, 200, 401),
                new Endpoint("provisioner", "GET", "/q/metrics", null, Needs.TOKEN, 200, 401),
                new Endpoint("attacher", "GET", "/q/metrics", null, Needs.TOKEN, 200, 401),
                new Endpoint("tls-manager", "GET", "/q/metrics", null, Needs.TOKEN, 200, 401),
                new Endpoint("version-catalog", "GET", "/q/openapi", null, Needs.TOKEN, 200, 401),
                new Endpoint("version-catalog", "GET", "/operations/" + UNKNOWN, null, Needs.TOKEN, 404, 401),
                new Endpoint("provisioner", "GET", "/operations/" + createOperation, null, Needs.READER, 200, 404),
                new Endpoint("attacher", "GET", ws1 + "/computes", null, Needs.READER, 200, 403),
                new Endpoint("attacher", "GET", ws1 + "/computes/" + COMPUTE, null, Needs.READER, 200, 403),
                new Endpoint("attacher", "GET", ws1 + "/computes/" + COMPUTE + "/kubeconfig", null, Needs.ADMIN, 200,
                        403),
                new Endpoint("attacher", "GET", ws1 + clusterPath, null, Needs.ADMIN, 200, 403),
                new Endpoint("attacher", "GET", ws1 + clusterPath + "/kubeconfig", null, Needs.ADMIN, 200, 403),
                new Endpoint("attacher", "GET", "/operations/" + UNKNOWN, null, Needs.TOKEN, 404, 401),
                new Endpoint("tls-manager", "GET", ws1 + "/certificates/" + certificateRef, null, Needs.READER, 200,
                        403),
                new Endpoint("tls-manager", "POST", ws1 + "/certificates", badPem, Needs.OPERATOR, 400, 403),
                new Endpoint("tls-manager", "GET", ws1 + "/certificates/" + certificateRef + "/export", null,
                        Needs.ADMIN, 200, 403),
                new Endpoint("tls-manager", "POST", "/keys/reencrypt", "{}", Needs.ADMIN_OF_EVERY_WORKSPACE, 200, 403),
                new Endpoint("tls-manager", "GET", "/operations/" + UNKNOWN, null, Needs.TOKEN, 404, 401));
    }

    /** What a caller must see: the allowed answer, 401 without a valid token, else the endpoint's refusal. */
    private static int expected(Endpoint e, String principal) {
        if (e.needs().grants(principal)) {
            return e.allowed();
        }
        return authenticated(principal) ? e.denied() : 401;
    }

    /**
     * Per command type: one that would do real work on ws1 (for refused callers), and one that fails harmlessly on
     * a compute of the caller's own (one operation per compute: callers must not wait for each other), with the
     * outcome an allowed caller gets for it: past the gate, the command meets its own rules.
     */
    private record CommandCase(CommandType type, Command real, java.util.function.Function<String, Command> harmless,
            String allowed) {
    }

    private static List<CommandCase> commands() {
        return List.of(
                new CommandCase(CommandType.CREATE_CLUSTER,
                        new CreateCluster(WS1, "sec2", "westus", null, 1, null, ClusterPurpose.DevTest, null, null,
                                null, null, null, null),
                        c -> new CreateCluster(WS1, c + "-", "westus", null, 1, null, ClusterPurpose.DevTest, null,
                                null, null, null, null, null), "ValidationFailed"),
                new CommandCase(CommandType.DELETE_CLUSTER, new DeleteCluster(WS1, COMPUTE),
                        c -> new DeleteCluster(WS1, c), "ComputeNotFound"),
                new CommandCase(CommandType.SCALE_CLUSTER, new ScaleCluster(WS1, COMPUTE, 2, null),
                        c -> new ScaleCluster(WS1, c, 2, null), "ComputeNotFound"),
                new CommandCase(CommandType.ATTACH_CLUSTER,
                        new AttachCluster(WS1, "prod", null, AzureEmulatorProcess.PROD_RG,
                                AzureEmulatorProcess.PROD_CLUSTER, ClusterPurpose.FastProd, null, null, null, null),
                        c -> new AttachCluster(WS1, c, null, "nosuch-rg", "nosuch", ClusterPurpose.DevTest, null,
                                null, null, null), "ClusterNotFound"),
                new CommandCase(CommandType.DETACH_CLUSTER, new DetachCluster(WS1, COMPUTE),
                        c -> new DetachCluster(WS1, c), "ComputeNotFound"),
                new CommandCase(CommandType.UPDATE_CLUSTER,
                        new UpdateCluster(WS1, COMPUTE, null, LoadBalancerType.InternalLoadBalancer, null),
                        c -> new UpdateCluster(WS1, c, null, LoadBalancerType.InternalLoadBalancer, null),
                        "ComputeNotFound"),
                new CommandCase(CommandType.REATTACH_CLUSTER, new ReattachCluster(WS1, COMPUTE),
                        c -> new ReattachCluster(WS1, c), "ComputeNotFound"),
                new CommandCase(CommandType.REPAIR_COMPUTE, new RepairCompute(WS1, COMPUTE),
                        c -> new RepairCompute(WS1, c), "ComputeNotFound"),
                new CommandCase(CommandType.RENEW_CERTIFICATE, new RenewCertificate(WS1, COMPUTE),
                        c -> new RenewCertificate(WS1, c), "ComputeNotFound"),
                new CommandCase(CommandType.REFRESH_VERSIONS, new RefreshVersions(WS1, List.of("westus")),
                        c -> new RefreshVersions(WS1, List.of("westus")), "Succeeded"));
    }

    @Test
    @Order(3)
    void everyCallerGetsWhatDocsSecuritySaysAndRefusalsChangeNothing() throws Exception {
        List<String> names = new ArrayList<>(principals.keySet());
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        endpoints().forEach(e -> table.put(e.label(), new LinkedHashMap<>()));
        commands().forEach(c -> table.put(c.type().typeName() + " command", new LinkedHashMap<>()));

        // Refused calls first, between two snapshots of everything they could have changed.
        Map<String, String> before = state();
        for (Endpoint e : endpoints()) {
            for (String p : names) {
                if (!e.needs().grants(p)) {
                    record(table, wrong, e.label(), p, String.valueOf(expected(e, p)), String.valueOf(call(e, p)));
                }
            }
        }
        Map<String, UUID> refused = new LinkedHashMap<>();
        for (CommandCase c : commands()) {
            for (String p : names) {
                if (!Needs.OPERATOR.grants(p)) {
                    refused.put(c.type().typeName() + "\t" + p, kafka.publish(c.real(), principals.get(p)));
                }
            }
        }
        for (Map.Entry<String, UUID> r : refused.entrySet()) {
            String[] typeAndPrincipal = r.getKey().split("\t");
            String p = typeAndPrincipal[1];
            record(table, wrong, typeAndPrincipal[0] + " command", p, authenticated(p) ? "Forbidden"
                    : "Unauthenticated", outcome(r.getValue()));
        }
        Map<String, String> after = state();
        assertThat(after).as("what refused calls could have changed").isEqualTo(before);

        // Then the allowed ones: through the gate, whatever the request itself then meets.
        for (Endpoint e : endpoints()) {
            for (String p : names) {
                if (e.needs().grants(p)) {
                    record(table, wrong, e.label(), p, String.valueOf(expected(e, p)), String.valueOf(call(e, p)));
                }
            }
        }
        Map<String, UUID> allowed = new LinkedHashMap<>();
        Map<String, String> allowedOutcome = new HashMap<>();
        for (CommandCase c : commands()) {
            allowedOutcome.put(c.type().typeName(), c.allowed());
            for (String p : names) {
                if (Needs.OPERATOR.grants(p)) {
                    Command harmless = c.harmless().apply("nosuch" + c.type().ordinal() + "p" + names.indexOf(p));
                    allowed.put(c.type().typeName() + "\t" + p, kafka.publish(harmless, principals.get(p)));
                }
            }
        }
        for (Map.Entry<String, UUID> a : allowed.entrySet()) {
            String[] typeAndPrincipal = a.getKey().split("\t");
            record(table, wrong, typeAndPrincipal[0] + " command", typeAndPrincipal[1],
                    allowedOutcome.get(typeAndPrincipal[0]), outcome(a.getValue()));
        }

        writeMatrix(names, table, before.equals(after));
        assertThat(wrong).as("calls answered otherwise than docs/security.md says").isEmpty();
    }

    private static void record(Map<String, Map<String, String>> table, List<String> wrong, String row,
            String principal, String expected, String got) {
        table.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(principal, got);
        if (!expected.equals(got)) {
            wrong.add(row + " by " + principal + ": expected " + expected + ", got " + got);
        }
    }

    private static int call(Endpoint e, String principal) throws Exception {
        ServiceProcess s = suite.service(e.service());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + e.path())).timeout(Duration.ofSeconds(30));
        if (e.body() != null) {
            b.header("Content-Type", "application/json").method(e.method(), HttpRequest.BodyPublishers.ofString(e.body()));
        } else {
            b.method(e.method(), HttpRequest.BodyPublishers.noBody());
        }
        String token = principals.get(principal);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return s.http().send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The error code of the operation's OperationFailed, or Succeeded. */
    private static String outcome(UUID operation) {
        var terminal = new KafkaProbe.StatusRecord(kafka.await(Topics.STATUS,
                r -> operation.toString().equals(KafkaProbe.header(r, "ce_correlationid"))
                        && (KafkaProbe.header(r, "ce_type").endsWith("OperationSucceeded.v1")
                                || KafkaProbe.header(r, "ce_type").endsWith("OperationFailed.v1")), TERMINAL));
        return terminal.type().endsWith("OperationSucceeded.v1") ? "Succeeded" : terminal.data().path("code").asText();
    }

    /** Everything a refused call could change: registry, certificates, clusters, and Azure writes. */
    private static Map<String, String> state() throws Exception {
        Map<String, String> state = new TreeMap<>();
        Map<String, List<String>> tables = Map.of(
                "attacher", List.of("compute", "compute_lock", "front_end_footprint"),
                "provisioner", List.of("created_cluster"),
                "tls_manager", List.of("certificate", "certificate_use", "domain_name"));
        for (Map.Entry<String, List<String>> db : tables.entrySet()) {
            try (Connection c = suite.database(db.getKey()); Statement st = c.createStatement()) {
                for (String t : db.getValue()) {
                    try (ResultSet rs = st.executeQuery("select count(*) || ' rows, md5 ' || coalesce(md5(string_agg("
                            + "r::text, '|' order by r::text)), '-') from " + t + " r")) {
                        rs.next();
                        state.put(db.getKey() + "." + t, rs.getString(1));
                    }
                }
            }
        }
        // Reads come from background work too (version sync); writes only from operations.
        JsonNode requests = Json.MAPPER.readTree(suite.azure().control("GET", "requests", null));
        for (Iterator<Map.Entry<String, JsonNode>> it = requests.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            if (!r.getKey().matches(".*_(Get|List).*")) {
                state.put("azure " + r.getKey(), r.getValue().asText());
            }
        }
        return state;
    }

    private static void writeMatrix(List<String> names, Map<String, Map<String, String>> table, boolean unchanged)
            throws Exception {
        StringBuilder t = new StringBuilder("| call | ").append(String.join(" | ", names)).append(" |\n|---|");
        names.forEach(n -> t.append("---|"));
        t.append('\n');
        table.forEach((row, cells) -> {
            t.append("| ").append(row.replace("|", "\\|")).append(" |");
            names.forEach(n -> t.append(' ').append(cells.getOrDefault(n, "")).append(" |"));
            t.append('\n');
        });
        t.append("\nRefused calls changed nothing (registry, locks, front-end footprints, created clusters, "
                + "certificates, domain names, Azure writes): ").append(unchanged ? "yes" : "NO").append(".\n");
        String body = "Run " + java.time.LocalDate.now() + ", `mvn -B verify` (SecureSuiteTest: broker SASL_SSL only, "
                + "services HTTPS only):\n\n" + t;
        System.out.println("[security] matrix\n" + t);
        DocSection.write(REPO, "docs/security.md", "matrix", body);
    }
}
