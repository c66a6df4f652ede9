package io.akscompute.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.akscompute.common.contract.VersionListing;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's REST side over real HTTP: what it sends (the token, the query) and how it reads answers and refusals.
 * The server answers as version-catalog does; the real one is called in the end-to-end suite.
 */
class ServiceApiTest {
    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/versions", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query);
            int status;
            String body;
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                status = 401;
                body = "";
            } else if (query.contains("mars")) {
                status = 400;
                body = "{\"code\":\"UnknownLocation\",\"message\":\"location 'mars' does not offer AKS\"}";
            } else if (query.contains("output=table")) {
                status = 200;
                body = "KubernetesVersion    Upgrades\n";
            } else {
                status = 200;
                body = "{\"location\":\"westus\",\"fetchedAt\":\"2026-12-01T10:00:00Z\",\"stale\":false,"
                        + "\"defaultVersion\":\"1.32.7\",\"versions\":[{\"version\":\"1.33.2\",\"minorVersion\":\"1.33\","
                        + "\"isPreview\":false,\"isDefault\":false,\"supportPlan\":[\"KubernetesOfficial\"],"
                        + "\"upgrades\":[]},{\"version\":\"1.32.7\",\"minorVersion\":\"1.32\",\"isPreview\":false,"
                        + "\"isDefault\":true,\"supportPlan\":[\"KubernetesOfficial\"],\"upgrades\":[{\"version\":"
                        + "\"1.33.2\",\"isPreview\":false}]}]}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private AksComputeClient client(String token) {
        return AksComputeClient.builder().versionCatalogUrl("http://localhost:" + server.getAddress().getPort())
                .token(token).build();
    }

    @Test
    void versionsAreReadAsTheListingWithTheCallersToken() {
        try (AksComputeClient client = client("t1")) {
            VersionListing listing = client.versions("West US");

            assertThat(listing.defaultVersion()).isEqualTo("1.32.7");
            assertThat(listing.versions()).extracting(VersionListing.Version::version).containsExactly("1.33.2", "1.32.7");
            assertThat(listing.versions().get(1).upgrades()).containsExactly(new VersionListing.Upgrade("1.33.2", false));
            assertThat(client.versionsTable("westus")).startsWith("KubernetesVersion");
            assertThat(authorizations).containsOnly("Bearer t1");
            assertThat(queries).containsExactly("location=West+US", "location=westus&output=table");
        }
    }

    @Test
    void aRefusalCarriesTheServicesReason() {
        try (AksComputeClient client = client("t1")) {
            assertThatThrownBy(() -> client.versions("mars")).isInstanceOf(AksComputeException.class)
                    .hasMessage("versions of mars: UnknownLocation: location 'mars' does not offer AKS");
        }
    }

    @Test
    void noTokenIsTheTokenRefusal() {
        try (AksComputeClient client = client(null)) {
            assertThatThrownBy(() -> client.versions("westus")).isInstanceOf(ServiceApi.TokenRefusedException.class)
                    .hasMessage("version-catalog needs a valid token");
        }
    }

    @Test
    void aServiceThatIsNotThereIsUnreachable() {
        int port = server.getAddress().getPort();
        server.stop(0);
        try (AksComputeClient client = client("t1")) {
            assertThatThrownBy(() -> client.versions("westus")).isInstanceOf(AksComputeException.class)
                    .hasMessageStartingWith("cannot reach version-catalog at http://localhost:" + port)
                    .satisfies(e -> assertThat(((AksComputeException) e).unreachable()).isTrue());
        }
    }
}
