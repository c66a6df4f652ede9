package io.akscompute.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP control API under /_emulator, as the launcher and the demo use it. */
class ControlApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path stateDir;
    static AzureEmulator emulator;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulated.start(stateDir);
        http = Emulated.https(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void seedThenReadThroughArmAndCountTheRequest() throws Exception {
        HttpResponse<String> seeded = call("PUT", "_emulator/subscriptions/sub-1/resourceGroups/rg/managedClusters/old",
                """
                {"location": "westus",
                 "properties": {"kubernetesVersion": "1.26.6",
                   "agentPoolProfiles": [{"name": "nodepool1", "count": 1, "vmSize": "Standard_D2_v2"}]}}
                """);
        assertEquals(200, seeded.statusCode(), seeded.body());

        HttpResponse<String> got = call("GET", "subscriptions/sub-1/resourceGroups/rg/providers/"
                + "Microsoft.ContainerService/managedClusters/old?api-version=2025-09-01", null, "Bearer t");
        assertEquals(200, got.statusCode());
        assertEquals("1.26.6", JSON.readTree(got.body()).at("/properties/kubernetesVersion").asText());
        assertEquals("Succeeded", JSON.readTree(got.body()).at("/properties/provisioningState").asText());

        JsonNode counts = JSON.readTree(call("GET", "_emulator/requests", null).body());
        assertEquals(1, counts.path("ManagedClusters_Get").asInt());
    }

    @Test
    void settingsFaultsVersionsAndReset() throws Exception {
        JsonNode settings = JSON.readTree(call("PUT", "_emulator/settings",
                "{\"legacyVersionsOnly\": true, \"provisioningDelayMillis\": 100}").body());
        assertTrue(settings.path("legacyVersionsOnly").asBoolean());
        assertEquals(1, settings.path("retryAfterSeconds").asInt(), "fields not given keep their value");

        HttpResponse<String> fault = call("POST", "_emulator/faults",
                "{\"operation\": \"ManagedClusters_Get\", \"kind\": \"respond\", \"times\": 2, \"status\": 503, "
                        + "\"code\": \"ServiceUnavailable\"}");
        assertEquals(200, fault.statusCode(), fault.body());
        assertEquals(2, JSON.readTree(fault.body()).get(0).path("times").asInt());

        HttpResponse<String> badFault = call("POST", "_emulator/faults", "{\"operation\": \"ManagedClusters_Get\"}");
        assertEquals(400, badFault.statusCode());

        HttpResponse<String> versions = call("GET", "_emulator/versions", null);
        assertTrue(JSON.readTree(versions.body()).at("/default/values").isArray());

        assertEquals(204, call("POST", "_emulator/reset", null).statusCode());
        assertEquals("[ ]", call("GET", "_emulator/faults", null).body());
        assertTrue(!JSON.readTree(call("GET", "_emulator/settings", null).body()).path("legacyVersionsOnly")
                .asBoolean());
        JsonNode info = JSON.readTree(call("GET", "_emulator/info", null).body());
        assertEquals(emulator.armUrl().toString(), info.path("armUrl").asText());
    }

    @Test
    void aBodyLargerThanArmTakesIsRefusedUnreadAndTheServerGoesOn() throws Exception {
        // Valid JSON, so that only its size can be what is refused.
        String large = "{\"location\":\"westus\",\"tags\":{\"big\":\"" + "x".repeat(RequestBodies.ARM_LIMIT)
                + "\"}}";
        HttpResponse<String> arm = call("PUT", "subscriptions/sub-1/resourceGroups/rg/providers/"
                + "Microsoft.ContainerService/managedClusters/huge?api-version=2025-09-01", large, "Bearer t");
        HttpResponse<String> control = call("PUT",
                "_emulator/subscriptions/sub-1/resourceGroups/rg/managedClusters/huge", large);

        assertEquals(413, arm.statusCode(), arm.body());
        assertEquals("RequestEntityTooLarge", JSON.readTree(arm.body()).at("/error/code").asText());
        assertEquals(413, control.statusCode(), control.body());
        assertTrue(emulator.control().clusters().keySet().stream().noneMatch(id -> id.toLowerCase(java.util.Locale.ROOT).contains("huge")),
                "nothing was created");
    }

    private static HttpResponse<String> call(String method, String path, String body, String... bearer)
            throws Exception {
        URI uri = emulator.armUrl().resolve(path);
        return bearer.length == 0 ? Emulated.send(http, method, uri, body)
                : Emulated.send(http, method, uri, body, "Authorization", bearer[0]);
    }
}
