package io.akscompute.emulator;

import static io.akscompute.emulator.Emulated.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.akscompute.common.contract.TrustedCa;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's Kubernetes API as its kubeconfig reaches it: a certificate a strict client accepts (SANs, issued by
 * the CA the kubeconfig carries), 401 without the kubeconfig's token, discovery as an API server answers it, and,
 * where kubectl is installed, the kubectl commands of the how-to.
 */
class KubernetesFrontTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static AzureEmulator emulator;
    private static JsonNode kubeconfig;
    private static String server;
    private static HttpClient strict;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulated.start(dir.resolve("state"));
        emulator.control().seedCluster(ClusterSeed.of("front-rg", "front-aks").kubernetesVersion("1.32.7"));
        byte[] raw = Emulated.clients(emulator).containerServiceManager().serviceClient().getManagedClusters()
                .listClusterAdminCredentials("front-rg", "front-aks").kubeconfigs().get(0).value();
        Files.write(dir.resolve("kubeconfig"), raw);
        kubeconfig = YAML.readTree(raw);
        server = kubeconfig.at("/clusters/0/cluster/server").asText();
        // Trusts only the CA the kubeconfig carries, and checks the host name against the SANs (the JDK's default).
        Path ca = dir.resolve("kubeconfig-ca.pem");
        Files.write(ca, Base64.getDecoder().decode(kubeconfig.at("/clusters/0/cluster/certificate-authority-data")
                .asText()));
        strict = HttpClient.newBuilder().sslContext(TrustedCa.sslContext(ca)).connectTimeout(TIMEOUT).build();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path)).timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return strict.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token() {
        return kubeconfig.at("/users/0/user/token").asText();
    }

    @Test
    void theApiCertificateNamesItsAddressAndChainsToTheKubeconfigsCa() throws Exception {
        HttpResponse<String> version = get("/version", token());

        assertEquals(200, version.statusCode(), version.body());
        assertEquals("v1.32.7", JSON.readTree(version.body()).path("gitVersion").asText());
        SSLSession session = version.sslSession().orElseThrow();
        X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
        List<String> names = new ArrayList<>();
        leaf.getSubjectAlternativeNames().forEach(san -> names.add(String.valueOf(san.get(1))));
        assertTrue(names.containsAll(List.of("localhost", "127.0.0.1")), names.toString());
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(kubeconfig.at(
                        "/clusters/0/cluster/certificate-authority-data").asText())));
        leaf.verify(ca.getPublicKey());
    }

    @Test
    void aRequestWithoutTheKubeconfigsTokenIsRefused() throws Exception {
        HttpResponse<String> none = get("/api/v1/namespaces", null);
        HttpResponse<String> wrong = get("/api/v1/namespaces", "not-the-token");

        for (HttpResponse<String> r : List.of(none, wrong)) {
            assertEquals(401, r.statusCode());
            JsonNode status = JSON.readTree(r.body());
            assertEquals("Status", status.path("kind").asText());
            assertEquals("Unauthorized", status.path("reason").asText());
        }
        assertEquals(200, get("/api/v1/namespaces", token()).statusCode());
    }

    @Test
    void aHangFaultHoldsTheNextRequestOfThatMethodOnly() throws Exception {
        emulator.control().injectFault(Fault.hang("Kubernetes_Get", 1, Duration.ofMillis(1500)));

        long start = System.nanoTime();
        assertEquals(200, get("/api/v1/namespaces", token()).statusCode());
        long held = System.nanoTime() - start;
        start = System.nanoTime();
        assertEquals(200, get("/api/v1/namespaces", token()).statusCode());
        long next = System.nanoTime() - start;

        assertTrue(held >= Duration.ofMillis(1500).toNanos(), "held " + held / 1_000_000 + " ms");
        assertTrue(next < held, "the next one is served at once: " + next / 1_000_000 + " ms");
    }

    /** A fault set ahead for one kind of write is not taken by another request of the same method. */
    @Test
    void aFaultForPathsContainingATextRefusesOnlyThoseRequests() throws Exception {
        emulator.control().injectFault(Fault.respond("Kubernetes_Post", 1, 403, "Forbidden")
                .onPathsContaining("/namespaces/shop/deployments"));

        assertEquals(201, send("POST", "/api/v1/namespaces", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"}}").statusCode());
        String deployment = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"fe\"},"
                + "\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"fe\"}},\"template\":{\"metadata\":{\"labels\":"
                + "{\"app\":\"fe\"}},\"spec\":{\"containers\":[{\"name\":\"fe\",\"image\":\"fe:1\"}]}}}}";
        assertEquals(403, send("POST", "/apis/apps/v1/namespaces/shop/deployments", "application/json", deployment)
                .statusCode());
        assertEquals(201, send("POST", "/apis/apps/v1/namespaces/shop/deployments", "application/json", deployment)
                .statusCode());
    }

    @Test
    void discoveryAnswersAsAnApiServerDoes() throws Exception {
        JsonNode api = JSON.readTree(get("/api", token()).body());
        JsonNode apis = JSON.readTree(get("/apis", token()).body());
        JsonNode core = JSON.readTree(get("/api/v1", token()).body());
        JsonNode apps = JSON.readTree(get("/apis/apps/v1", token()).body());

        assertEquals("APIVersions", api.path("kind").asText());
        assertEquals("v1", api.at("/versions/0").asText());
        assertEquals("APIGroupList", apis.path("kind").asText());
        assertTrue(apis.findValuesAsText("groupVersion").contains("apps/v1"), apis.toString());
        assertTrue(core.findValuesAsText("name").containsAll(List.of("namespaces", "secrets", "services")));
        assertTrue(apps.findValuesAsText("name").contains("deployments"));
        assertEquals(404, get("/apis/batch/v1", token()).statusCode());
    }

    @Test
    void aWatchStreamsEachChangeAsItHappensAndEndsAtItsTimeout() throws Exception {
        assertEquals(201, send("POST", "/api/v1/namespaces", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"watched\"}}").statusCode());
        HttpRequest watch = HttpRequest.newBuilder(URI.create(server
                        + "/api/v1/namespaces/watched/configmaps?watch=true&timeoutSeconds=3"))
                .header("Authorization", "Bearer " + token()).timeout(TIMEOUT).build();
        HttpResponse<java.util.stream.Stream<String>> stream = strict.send(watch, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        java.util.Iterator<String> lines = stream.body().iterator();

        HttpResponse<String> created = Emulated.send(strict, "POST", URI.create(server
                        + "/api/v1/namespaces/watched/configmaps"),
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"seen\"}}",
                "Authorization", "Bearer " + token());
        assertEquals(201, created.statusCode(), created.body());

        JsonNode event = JSON.readTree(lines.next());
        assertEquals("ADDED", event.path("type").asText(), event.toString());
        assertEquals("seen", event.at("/object/metadata/name").asText(), event.toString());
        long start = System.nanoTime();
        while (lines.hasNext()) { // the stream ends when the watch's timeout runs out
            lines.next();
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the watch outlived its timeout");
    }

    /** RFC 7386, as an API server applies {@code application/merge-patch+json}. */
    @Test
    void aBodyLargerThanAnApiServerTakesIsRefusedUnread() throws Exception {
        String configMaps = "/api/v1/namespaces/default/configmaps";
        HttpResponse<String> refused = send("POST", configMaps, "application/json", """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"huge"},"data":{"big":"%s"}}"""
                .formatted("x".repeat(RequestBodies.KUBERNETES_LIMIT)));

        assertEquals(413, refused.statusCode(), refused.body());
        assertEquals("RequestEntityTooLarge", JSON.readTree(refused.body()).path("reason").asText());
        assertEquals(404, get(configMaps + "/huge", token()).statusCode(), "nothing was created");
    }

    @Test
    void aMergePatchRemovesWhatItNullsAndReplacesLists() throws Exception {
        String services = "/api/v1/namespaces/default/services";
        HttpResponse<String> created = send("POST", services, "application/json", """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"merged","annotations":{"a":"1","b":"2"}},
                 "spec":{"type":"ClusterIP","ports":[{"name":"http","port":80},{"name":"metrics","port":9090}]}}""");
        assertEquals(201, created.statusCode(), created.body());

        HttpResponse<String> patched = send("PATCH", services + "/merged", "application/merge-patch+json", """
                {"metadata":{"annotations":{"a":null,"c":"3"}},"spec":{"ports":[{"name":"https","port":443}]}}""");

        assertEquals(200, patched.statusCode(), patched.body());
        JsonNode stored = JSON.readTree(get(services + "/merged", token()).body());
        assertEquals(JSON.readTree("{\"b\":\"2\",\"c\":\"3\"}"), stored.at("/metadata/annotations"));
        assertEquals(1, stored.at("/spec/ports").size(), stored.toString());
        assertEquals(443, stored.at("/spec/ports/0/port").asInt());
        assertEquals("ClusterIP", stored.at("/spec/type").asText(), "what the patch leaves out stays");
        HttpResponse<String> absent = send("PATCH", services + "/absent", "application/merge-patch+json",
                "{\"metadata\":{\"annotations\":{\"a\":\"1\"}}}");
        assertEquals(404, absent.statusCode(), absent.body());
        for (String notAnObject : List.of("", "[1]", "{\"metadata\":")) {
            HttpResponse<String> refused = send("PATCH", services + "/merged", "application/merge-patch+json",
                    notAnObject);
            assertEquals(400, refused.statusCode(), notAnObject + ": " + refused.body());
            assertTrue(refused.body().contains("a merge patch must be a JSON object"), refused.body());
        }
        assertEquals(JSON.readTree("{\"b\":\"2\",\"c\":\"3\"}"),
                JSON.readTree(get(services + "/merged", token()).body()).at("/metadata/annotations"),
                "a refused patch changes nothing");
    }

    @Test
    void nothingIsCreatedInANamespaceThatIsNotThereAndADeletedNamespaceTakesItsObjects() throws Exception {
        for (String initial : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            assertEquals(200, get("/api/v1/namespaces/" + initial, token()).statusCode(), initial);
        }
        String configMaps = "/api/v1/namespaces/team-a/configmaps";
        String configMap = """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"k":"v"}}""";
        HttpResponse<String> refused = send("POST", configMaps, "application/json", configMap);
        assertEquals(404, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("namespaces \\\"team-a\\\" not found"), refused.body());
        assertEquals(404, get(configMaps + "/settings", token()).statusCode(), "a refused create stores nothing");

        assertEquals(201, send("POST", "/api/v1/namespaces", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team-a\"}}").statusCode());
        assertEquals(201, send("POST", configMaps, "application/json", configMap).statusCode());
        String deployments = "/apis/apps/v1/namespaces/team-a/deployments";
        assertEquals(201, send("POST", deployments, "application/json", """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":
                 {"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""").statusCode());
        assertEquals(201, send("POST", "/api/v1/namespaces/default/configmaps", "application/json", configMap)
                .statusCode());

        assertEquals(200, send("DELETE", "/api/v1/namespaces/team-a", "application/json", "").statusCode());

        assertEquals(404, get(configMaps + "/settings", token()).statusCode(), "gone with its namespace");
        assertEquals(404, get(deployments + "/web", token()).statusCode(), "gone with its namespace");
        assertEquals(200, get("/api/v1/namespaces/default/configmaps/settings", token()).statusCode(),
                "another namespace's object stays");
        assertEquals(404, send("POST", configMaps, "application/json", configMap).statusCode());
    }

    /**
     * Two clients merge-patch one object's list at once, each replacing it whole: every patch applies to the object
     * as it is then, so each answer and the end state hold one client's list, never a mix of both or a failed patch.
     */
    @Test
    void mergePatchesOfOneObjectAtOnceApplyOneAfterTheOther() throws Exception {
        String path = "/api/v1/namespaces/default/configmaps/patched";
        assertEquals(201, send("POST", "/api/v1/namespaces/default/configmaps", "application/json", """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"patched","finalizers":["x"]}}""")
                .statusCode());
        List<List<String>> lists = List.of(List.of("a1", "a2", "a3"), List.of("a4"), List.of("b1", "b2"),
                List.of("b3", "b4", "b5", "b6"));
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int client = 0; client < 2; client++) {
                List<List<String>> mine = lists.subList(client * 2, client * 2 + 2);
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        List<String> wanted = mine.get(i % 2);
                        HttpResponse<String> patched;
                        try {
                            patched = send("PATCH", path, "application/merge-patch+json",
                                    "{\"metadata\":{\"finalizers\":" + JSON.writeValueAsString(wanted) + "}}");
                        } catch (java.io.IOException noAnswer) {
                            wrong.add("no answer: " + noAnswer.getMessage());
                            continue;
                        }
                        List<String> after = patched.statusCode() == 200 ? finalizers(patched.body()) : null;
                        if (after == null || !lists.contains(after)) {
                            wrong.add(patched.statusCode() + " " + after);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(List.of(), wrong, "answers that were not one client's whole list");
        assertTrue(lists.contains(finalizers(get(path, token()).body())));
    }

    private static List<String> finalizers(String configMap) throws Exception {
        List<String> values = new ArrayList<>();
        JSON.readTree(configMap).path("metadata").path("finalizers").forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void theSystemNamespacesCannotBeDeleted() throws Exception {
        for (String immortal : List.of("default", "kube-system", "kube-public")) {
            HttpResponse<String> refused = send("DELETE", "/api/v1/namespaces/" + immortal, "application/json", "");
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("namespaces \\\"" + immortal + "\\\" is forbidden: this namespace may"
                    + " not be deleted"), refused.body());
            assertEquals(200, get("/api/v1/namespaces/" + immortal, token()).statusCode(), immortal + " stays");
        }
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        return strict.send(HttpRequest.newBuilder(URI.create(server + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token()).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The how-to's kubectl steps; skipped where kubectl is not installed. */
    @Test
    void kubectlGetsAppliesDescribesAndDeletesThroughTheKubeconfig() throws Exception {
        assumeTrue(kubectl("version", "--client").exit == 0, "kubectl is not installed: skipping the kubectl test");
        Path manifest = dir.resolve("secret.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: azureml
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: azuremlfessl
                  namespace: azureml
                type: Opaque
                stringData:
                  cert.pem: CERT
                """);

        Run applied = kubectl("apply", "-f", manifest.toString());
        assertEquals(0, applied.exit, applied.output);
        assertTrue(applied.output.contains("secret/azuremlfessl created"), applied.output);
        Files.writeString(manifest, Files.readString(manifest).replace("cert.pem: CERT", "cert.pem: CERT2"));
        Run reapplied = kubectl("apply", "-f", manifest.toString());
        assertTrue(reapplied.output.contains("secret/azuremlfessl configured"), reapplied.output);

        Run yaml = kubectl("-n", "azureml", "get", "secret/azuremlfessl", "-o", "yaml");
        assertEquals(0, yaml.exit, yaml.output);
        assertEquals("CERT2", new String(Base64.getDecoder().decode(YAML.readTree(yaml.output).at("/data/cert.pem")
                .asText()), StandardCharsets.UTF_8));
        Run describe = kubectl("-n", "azureml", "describe", "secret", "azuremlfessl");
        assertEquals(0, describe.exit, describe.output);
        assertTrue(describe.output.contains("cert.pem:  5 bytes"), describe.output);
        Run list = kubectl("-n", "azureml", "get", "deploy,svc,secrets");
        assertTrue(list.output.contains("azuremlfessl"), list.output);

        Run deleted = kubectl("-n", "azureml", "delete", "secret", "azuremlfessl");
        assertEquals(0, deleted.exit, deleted.output);
        Run gone = kubectl("-n", "azureml", "get", "secret/azuremlfessl");
        assertTrue(gone.output.contains("NotFound") || gone.output.contains("not found"), gone.output);
    }

    private record Run(int exit, String output) {
    }

    private static Run kubectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", dir.resolve("kubeconfig").toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException notInstalled) {
            return new Run(-1, notInstalled.getMessage());
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not end in 60 s");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
