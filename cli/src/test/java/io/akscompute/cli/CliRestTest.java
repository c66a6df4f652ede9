package io.akscompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.akscompute.common.contract.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only commands and the certificate commands against a stand-in HTTP server with the services' answers. */
class CliRestTest {
    private static final String COMPUTE = """
            {"workspace":"ws1","name":"prod1","provisioningState":"Succeeded","isAttachedCompute":true,
             "computeLocation":"westus","properties":{"agentCount":3,"agentVmSize":"Standard_D3_v2",
             "clusterPurpose":"FastProd","kubernetesVersion":"1.32.7",
             "systemServices":[{"systemServiceType":"ScoringFrontEnd","publicIpAddress":"20.1.2.3"}]}}""";

    /** A compute the attacher's drift check found changed behind its back. */
    private static final String DRIFTED = """
            {"workspace":"ws1","name":"api","provisioningState":"Succeeded","isAttachedCompute":true,
             "computeLocation":"westus","properties":{"agentCount":1,"agentVmSize":"Standard_D3_v2",
             "clusterPurpose":"DevTest","kubernetesVersion":"1.32.7",
             "systemServices":[{"systemServiceType":"ScoringFrontEnd","publicIpAddress":"20.1.2.4"}]},
             "drift":[{"field":"loadBalancerType","expected":"PublicIp","actual":"InternalLoadBalancer"},
                      {"field":"tls.secret","expected":"present","actual":"missing"}]}""";

    /** version-catalog's JSON: newest first, 1.32.7 the default. */
    private static final String VERSIONS = """
            {"location":"westus","defaultVersion":"1.32.7","versions":[
             {"version":"1.33.2","minorVersion":"1.33","isPreview":true,"isDefault":false,"upgrades":[]},
             {"version":"1.32.7","minorVersion":"1.32","isPreview":false,"isDefault":true,
              "upgrades":[{"version":"1.33.2","isPreview":true}]}]}""";

    private static final String CLUSTER_ID =
            "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks1";

    private static final String TOKEN = "good-token";
    private static final String READER = "reader-token";
    private HttpServer server;
    private String url;
    private final Map<String, String> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().toString();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.put(exchange.getRequestMethod() + " " + path, body);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        int status = 404;
        String answer = "{\"code\":\"ComputeNotFound\",\"message\":\"no such thing\"}";
        if (!("Bearer " + TOKEN).equals(auth) && !("Bearer " + READER).equals(auth)) {
            status = 401;
            answer = "";
        } else if (path.contains("/export") && !("Bearer " + TOKEN).equals(auth)) {
            status = 403;
            answer = "{\"code\":\"Forbidden\",\"message\":\"the caller does not hold the role admin\"}";
        } else if (path.equals("/versions?location=westus&output=table")) {
            status = 200;
            answer = "KubernetesVersion    Upgrades\n-------------------  --------\n1.32.7               None available\n";
        } else if (path.equals("/versions?location=westus")) {
            status = 200;
            answer = VERSIONS;
        } else if (path.equals("/vmsizes?location=westus")) {
            status = 200;
            answer = "{\"location\":\"westus\",\"stale\":false,\"vmSizes\":[{\"name\":\"Standard_D3_v2\","
                    + "\"family\":\"standardDv2Family\",\"vCpus\":4,\"memoryGiB\":14.0,\"restriction\":null},"
                    + "{\"name\":\"Standard_NC24rs_v3\",\"family\":\"standardNCSv3Family\",\"vCpus\":24,"
                    + "\"memoryGiB\":448.0,\"restriction\":\"NotAvailableForSubscription\"}]}";
        } else if (path.equals("/workspaces/ws1/clusters/rg1/aks1")) {
            status = 200;
            answer = "{\"id\":\"" + CLUSTER_ID + "\",\"name\":\"aks1\",\"properties\":{\"kubernetesVersion\":\"1.32.7\"}}";
        } else if (path.equals("/workspaces/ws1/computes?$top=1000")) {
            // Two pages; the link names the attacher as it sees itself, which the CLI may not reach.
            status = 200;
            answer = "{\"value\":[" + COMPUTE + "],\"nextLink\":"
                    + "\"https://attacher.internal:8443/workspaces/ws1/computes?$top=1000&$skipToken=cHJvZDE\"}";
        } else if (path.equals("/workspaces/ws1/computes?$top=1000&$skipToken=cHJvZDE")) {
            status = 200;
            answer = "{\"value\":[" + DRIFTED + "]}";
        } else if (path.equals("/workspaces/ws1/computes/prod1")) {
            status = 200;
            answer = COMPUTE;
        } else if (path.startsWith("/operations/")) {
            status = 200;
            answer = "{\"id\":\"" + path.substring("/operations/".length()) + "\",\"operation\":\"AttachCluster\","
                    + "\"status\":\"Succeeded\"}";
        } else if (path.equals("/workspaces/ws1/certificates") && exchange.getRequestMethod().equals("POST")) {
            status = 201;
            answer = "{\"certificateRef\":\"cert-123\",\"kind\":\"User\",\"cname\":\"api.example.com\"}";
        } else if (path.equals("/workspaces/ws1/certificates/cert-123/export")) {
            status = 200;
            answer = "{\"certificateRef\":\"cert-123\",\"cert.pem\":\"CERT\",\"key.pem\":\"KEY\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Test
    void versionsPrintsTheCatalogTable() {
        Cli cli = Cli.run("versions", "-l", "westus", "--version-catalog-url", url, "--token", TOKEN);

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("KubernetesVersion").contains("1.32.7");
    }

    @Test
    void listPrintsEveryPageAsATableAndJson() throws Exception {
        Cli table = Cli.run("list", "-w", "ws1", "--attacher-url", url, "--token", TOKEN);
        Cli json = Cli.run("list", "-w", "ws1", "-o", "json", "--attacher-url", url, "--token", TOKEN);

        assertThat(table.exitCode()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Name ").contains("State", "Kubernetes", "ScoringEndpoint", "Drift");
        assertThat(lines.get(2)).matches("prod1 +Succeeded +true +westus +FastProd +3 +Standard_D3_v2 +1\\.32\\.7 +20\\.1\\.2\\.3 +none");
        assertThat(lines.get(3)).matches("api +Succeeded .* +20\\.1\\.2\\.4 +DRIFT loadBalancerType, tls\\.secret");
        assertThat(Json.MAPPER.readTree(json.out()).get(0).path("name").asText()).isEqualTo("prod1");
    }

    @Test
    void showOfAnUnknownComputeExitsWith1() {
        Cli found = Cli.run("show", "-n", "prod1", "-w", "ws1", "--attacher-url", url, "--token", TOKEN);
        Cli missing = Cli.run("show", "-n", "nope", "-w", "ws1", "--attacher-url", url, "--token", TOKEN);

        assertThat(found.exitCode()).isZero();
        assertThat(found.out()).contains("  \"provisioningState\": \"Succeeded\",");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("error: compute ws1/nope: ComputeNotFound: no such thing");
    }

    @Test
    void operationAsksTheServicesUntilOneKnowsIt() throws Exception {
        String id = UUID.randomUUID().toString();
        Cli cli = Cli.run("operation", id, "--version-catalog-url", "http://127.0.0.1:1", "--provisioner-url", url,
                "--attacher-url", url, "--tls-manager-url", url, "--token", TOKEN);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode view = Json.MAPPER.readTree(cli.out());
        assertThat(view.path("service").asText()).isEqualTo("provisioner");
        assertThat(view.path("id").asText()).isEqualTo(id);
    }

    @Test
    void tlsUploadPrintsTheReferenceAndExportWritesThePemFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.pem"), "-----BEGIN CERTIFICATE-----");
        Files.writeString(dir.resolve("k.pem"), "-----BEGIN PRIVATE KEY-----");
        Cli upload = Cli.run("tls", "upload", "-w", "ws1", "--ssl-cert-file", dir.resolve("c.pem").toString(),
                "--ssl-key-file", dir.resolve("k.pem").toString(), "--ssl-cname", "api.example.com",
                "--tls-manager-url", url, "--token", TOKEN);
        Cli export = Cli.run("tls", "export", "cert-123", "-w", "ws1", "--out-dir", dir.resolve("out").toString(),
                "--tls-manager-url", url, "--token", TOKEN);
        Cli refused = Cli.run("tls", "export", "cert-123", "-w", "ws1", "--tls-manager-url", url, "--token", READER);
        Cli anonymous = Cli.run("list", "-w", "ws1", "--attacher-url", url, "--token", "expired-token");

        assertThat(upload.exitCode()).as(upload.err()).isZero();
        assertThat(upload.out().strip()).isEqualTo("cert-123");
        Cli asJson = Cli.run("tls", "upload", "-w", "ws1", "--ssl-cert-file", dir.resolve("c.pem").toString(),
                "--ssl-key-file", dir.resolve("k.pem").toString(), "--ssl-cname", "api.example.com",
                "--tls-manager-url", url, "--token", TOKEN, "-o", "json");
        assertThat(asJson.out()).isEqualTo("{\n  \"certificateRef\": \"cert-123\"\n}\n");
        JsonNode sent = Json.MAPPER.readTree(requests.get("POST /workspaces/ws1/certificates"));
        assertThat(sent.path("cert").asText()).isEqualTo("-----BEGIN CERTIFICATE-----");
        assertThat(sent.path("key").asText()).isEqualTo("-----BEGIN PRIVATE KEY-----");
        assertThat(sent.path("cname").asText()).isEqualTo("api.example.com");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(dir.resolve("out/cert.pem")).hasContent("CERT");
        assertThat(dir.resolve("out/key.pem")).hasContent("KEY");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("Forbidden: the caller does not hold the role admin").hasLineCount(1);
        assertThat(anonymous.exitCode()).isEqualTo(1);
        assertThat(anonymous.err()).contains("attacher needs a valid token").contains("akscompute login")
                .doesNotContain("expired-token");
    }

    @Test
    void theHowTosVersionQueryPrintsTheDefaultAsAzDoes() {
        Cli cli = Cli.run("aks", "get-versions", "-l", "westus", "--query",
                "orchestrators[?default == `true`].orchestratorVersion", "-o", "table",
                "--version-catalog-url", url, "--token", TOKEN);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("Result\n--------\n1.32.7\n");
    }

    @Test
    void vmListSizesPrintsAzsShapeAndTheRestrictedSizeSaysSo() {
        Cli table = Cli.run("vm", "list-sizes", "-l", "westus", "-o", "table", "--version-catalog-url", url,
                "--token", TOKEN);
        Cli names = Cli.run("vm-sizes", "-l", "westus", "--query", "[?restriction == null].name", "-o", "tsv",
                "--version-catalog-url", url, "--token", TOKEN);

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).isEqualTo("""
                  MemoryInMb  Name                  NumberOfCores  Restriction
                ------------  ------------------  ---------------  ---------------------------
                       14336  Standard_D3_v2                    4
                      458752  Standard_NC24rs_v3               24  NotAvailableForSubscription
                """);
        assertThat(names.out()).isEqualTo("Standard_D3_v2\n");
    }

    @Test
    void getVersionsAsJsonHasTheOrchestratorsShapeOldestFirst() throws Exception {
        Cli cli = Cli.run("aks", "get-versions", "-l", "westus", "-o", "json", "--version-catalog-url", url,
                "--token", TOKEN);

        JsonNode doc = Json.MAPPER.readTree(cli.out());
        assertThat(doc.at("/orchestrators/0/orchestratorVersion").asText()).isEqualTo("1.32.7");
        assertThat(doc.at("/orchestrators/0/default").asBoolean()).isTrue();
        assertThat(doc.at("/orchestrators/0/upgrades/0/orchestratorVersion").asText()).isEqualTo("1.33.2");
        assertThat(doc.at("/orchestrators/0/upgrades/0/isPreview").asBoolean()).isTrue();
        assertThat(doc.at("/orchestrators/1/default").isNull()).isTrue();
        assertThat(doc.at("/orchestrators/1/upgrades").isNull()).isTrue();
    }

    @Test
    void everyReadCommandTakesQueryAndEachOutputFormat() {
        Cli names = Cli.run("ml", "computetarget", "list", "-w", "ws1", "--query", "[].name", "-o", "tsv",
                "--attacher-url", url, "--token", TOKEN);
        Cli yaml = Cli.run("show", "-n", "prod1", "--workspace-name", "ws1", "-o", "yaml", "--attacher-url", url,
                "--token", TOKEN);
        Cli count = Cli.run("ml", "computetarget", "show", "-n", "prod1", "-w", "ws1", "-g", "myresourcegroup",
                "--query", "properties.agentCount", "--attacher-url", url, "--token", TOKEN);
        Cli versions = Cli.run("versions", "-l", "westus", "--query", "versions[].version", "-o", "tsv",
                "--version-catalog-url", url, "--token", TOKEN);

        assertThat(names.out()).as(names.err()).isEqualTo("prod1\napi\n");
        assertThat(yaml.out()).as(yaml.err()).contains("provisioningState: Succeeded\n").contains("  agentCount: 3\n");
        assertThat(count.out()).as(count.err()).isEqualTo("3\n");
        assertThat(versions.out()).as(versions.err()).isEqualTo("1.33.2\n1.32.7\n");
    }

    @Test
    void aMalformedQueryIsAUsageErrorBeforeAnythingIsAsked() {
        Cli cli = Cli.run("list", "-w", "ws1", "--query", "[?name ==", "--attacher-url", url, "--token", TOKEN);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("error: argument --query: invalid jmespath_type value: '[?name =='");
        assertThat(requests).isEmpty();
    }

    @Test
    void aksShowWithQueryIdPrintsTheResourceIdAsTheHowToUsesIt() {
        Cli json = Cli.run("aks", "show", "-n", "aks1", "-g", "rg1", "-w", "ws1", "--query", "id",
                "--attacher-url", url, "--token", TOKEN);
        Cli tsv = Cli.run("aks", "show", "-n", "aks1", "-g", "rg1", "-w", "ws1", "--query", "id", "-o", "tsv",
                "--attacher-url", url, "--token", TOKEN);

        assertThat(json.out()).as(json.err()).isEqualTo("\"" + CLUSTER_ID + "\"\n");
        assertThat(tsv.out()).as(tsv.err()).isEqualTo(CLUSTER_ID + "\n");
    }
}
