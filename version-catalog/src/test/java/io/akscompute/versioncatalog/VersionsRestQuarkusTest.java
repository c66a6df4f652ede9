package io.akscompute.versioncatalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.versioncatalog.domain.HowToExample;
import io.akscompute.versioncatalog.service.VersionSync;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "version_catalog"))
class VersionsRestQuarkusTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    VersionSync sync;

    @BeforeEach
    void theHowToVersionsAreWhatAzureOffersInWestus() {
        // Let the start-up sync and refreshes of other test classes finish: they must not overwrite ours.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sync.pendingTasks() == 0);
        Emulated.offer("westus", HowToExample.dataSet().path("values"));
        // The how-to's example dates from the orchestrators API, and az printed its table in that API's layout.
        Emulated.control().setLegacyVersionsOnly(true);
        try {
            assertThat(sync.syncNow("westus").succeeded()).isTrue();
        } finally {
            Emulated.control().setLegacyVersionsOnly(false);
        }
    }

    @Test
    void theTableIsExactlyTheOneOfTheHowTo() {
        HttpResponse<String> byAccept = Http.get(base, "/versions?location=westus", "Accept", "text/plain");
        HttpResponse<String> byOutput = Http.get(base, "/versions?location=westus&output=table");

        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(byAccept.body()).isEqualTo(HowToExample.table());
        assertThat(byOutput.body()).isEqualTo(HowToExample.table());
    }

    @Test
    void theDefaultIsTheOneOfTheHowTo() {
        JsonNode answer = Http.json(Http.get(base, "/versions/default?location=westus"));

        assertThat(answer.path("defaultVersion").asText()).isEqualTo("1.16.13");
        assertThat(answer.path("location").asText()).isEqualTo("westus");
        assertThat(answer.path("stale").asBoolean()).isFalse();
        assertThat(Http.get(base, "/versions/default?location=westus&output=table").body())
                .isEqualTo(HowToExample.defaultTable());
    }

    @Test
    void theJsonListsEachVersionWithItsUpgradesAndFlags() {
        HttpResponse<String> response = Http.get(base, "/versions?location=West%20US");
        JsonNode answer = Http.json(response);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(answer.path("location").asText()).isEqualTo("westus");
        assertThat(answer.path("stale").asBoolean()).isFalse();
        assertThat(answer.path("fetchedAt").asText()).isNotBlank();
        assertThat(answer.path("defaultVersion").asText()).isEqualTo("1.16.13");
        List<String> versions = new ArrayList<>();
        answer.path("versions").forEach(v -> versions.add(v.path("version").asText()));
        assertThat(versions).containsExactly("1.18.6", "1.18.4", "1.17.9", "1.17.7", "1.16.13", "1.16.10", "1.15.12",
                "1.15.11");
        JsonNode preview = answer.path("versions").get(1);
        assertThat(preview.path("isPreview").asBoolean()).isTrue();
        assertThat(preview.path("minorVersion").asText()).isEqualTo("1.18");
        assertThat(preview.path("upgrades").get(0).path("version").asText()).isEqualTo("1.18.6");
        assertThat(preview.path("upgrades").get(0).path("isPreview").asBoolean()).isTrue();
        JsonNode byDefault = answer.path("versions").get(4);
        assertThat(byDefault.path("isDefault").asBoolean()).isTrue();
        assertThat(byDefault.path("isPreview").asBoolean()).isFalse();
        assertThat(byDefault.path("supportPlan").get(0).asText()).isEqualTo("KubernetesOfficial");
        assertThat(answer.path("versions").findValues("isDefault")).filteredOn(JsonNode::asBoolean).hasSize(1);
    }

    @Test
    void supportedAnswersYesOrTheListOfSupportedVersions() {
        JsonNode yes = Http.json(Http.get(base, "/versions/1.16.13/supported?location=westus"));
        JsonNode minor = Http.json(Http.get(base, "/versions/1.17/supported?location=westus"));
        JsonNode no = Http.json(Http.get(base, "/versions/1.14.8/supported?location=westus"));

        assertThat(yes.path("supported").asBoolean()).isTrue();
        assertThat(yes.path("resolvedVersion").asText()).isEqualTo("1.16.13");
        assertThat(minor.path("supported").asBoolean()).isTrue();
        assertThat(minor.path("resolvedVersion").asText()).isEqualTo("1.17.9");
        assertThat(no.path("supported").asBoolean()).isFalse();
        List<String> supported = new ArrayList<>();
        no.path("supportedVersions").forEach(v -> supported.add(v.asText()));
        assertThat(supported).containsExactly("1.18.6", "1.18.4", "1.17.9", "1.17.7", "1.16.13", "1.16.10", "1.15.12",
                "1.15.11");
        assertThat(no.path("message").asText()).contains("1.14.8", "westus", "1.16.13");
    }

    @Test
    void aMissingMalformedOrUnknownLocationIsA400SayingHowToFindValidOnes() {
        HttpResponse<String> missing = Http.get(base, "/versions");
        HttpResponse<String> malformed = Http.get(base, "/versions/default?location=west-us");
        HttpResponse<String> unknown = Http.get(base, "/versions?location=marsnorth", "Accept", "text/plain");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Http.json(missing).path("message").asText()).contains("'location' is required", "?location=westus",
                "az account list-locations");
        assertThat(Http.json(missing).path("knownLocations").toString()).contains("westus");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Http.json(malformed).path("message").asText()).contains("'-'", "az account list-locations");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Http.json(unknown).path("code").asText()).isEqualTo("UnknownLocation");
        assertThat(Http.json(unknown).path("message").asText()).contains("marsnorth", "az account list-locations");
        assertThat(Http.get(base, "/versions?location=westus&output=yaml").statusCode()).isEqualTo(400);
    }

    @Test
    void answersCarryAnETagAndARepeatedRequestGets304() {
        HttpResponse<String> first = Http.get(base, "/versions?location=westus");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).get().asString().contains("max-age=");

        HttpResponse<String> again = Http.get(base, "/versions?location=westus", "If-None-Match", etag);
        HttpResponse<String> table = Http.get(base, "/versions?location=westus&output=table", "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(table.statusCode()).as("the table is another representation with its own ETag").isEqualTo(200);
        assertThat(table.headers().firstValue("ETag")).get().isNotEqualTo(etag);
    }

    @Test
    void aLocationNotKnownYetIsSyncedOnItsFirstRequest() {
        assertThat(sync.view("japaneast")).isEmpty();

        HttpResponse<String> response = Http.get(base, "/versions/default?location=japaneast");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).path("defaultVersion").asText()).isEqualTo("1.32.7");
        assertThat(sync.view("japaneast")).isPresent();
        assertThat(sync.knownLocations()).contains("japaneast");
    }

    @Test
    void pingAnswersPong() {
        assertThat(Http.get(base, "/ping").body()).isEqualTo("pong");
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        String openapi = Http.get(base, "/q/openapi?format=json").body();
        assertThat(openapi).contains("/versions", "/versions/default", "/versions/{version}/supported", "stale");
    }
}
