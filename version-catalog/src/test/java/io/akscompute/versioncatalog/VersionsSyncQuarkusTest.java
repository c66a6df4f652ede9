package io.akscompute.versioncatalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.common.versions.VersionCache;
import io.akscompute.emulator.Fault;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestKafka;
import io.akscompute.versioncatalog.azure.FetchedVersions;
import io.akscompute.versioncatalog.domain.HowToExample;
import io.akscompute.versioncatalog.service.SyncResult;
import io.akscompute.versioncatalog.service.VersionSync;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "version_catalog"))
class VersionsSyncQuarkusTest {
    private static final String LIST_VERSIONS = "ManagedClusters_ListKubernetesVersions";

    @TestHTTPResource("/")
    URL base;

    @Inject
    VersionSync sync;

    @Inject
    VersionCache cache;

    @Inject
    EntityManager em;

    @BeforeEach
    void quiet() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sync.pendingTasks() == 0);
    }

    @AfterEach
    void healthyAzure() {
        Emulated.control().clearFaults();
        Emulated.control().setLegacyVersionsOnly(false);
    }

    @Test
    void aChangedCatalogIsPublishedOnceAndAnUnchangedSyncPublishesNothing() {
        String location = "eastus2";
        Emulated.offer(location, HowToExample.dataSet().path("values"));
        assertThat(sync.syncNow(location).outcome()).isEqualTo(SyncResult.Outcome.CHANGED);
        long rows = outboxRows(location);
        ConsumerRecord<String, String> first = awaitVersionsRecord(location, "1.16.13");
        assertThat(TestKafka.header(first, "ce_type")).isEqualTo("akscompute.LocationVersions.v1");
        assertThat(TestKafka.header(first, "ce_source")).isEqualTo("/akscompute/version-catalog");

        assertThat(sync.syncNow(location).outcome()).isEqualTo(SyncResult.Outcome.UNCHANGED);
        assertThat(outboxRows(location)).as("an unchanged sync writes no event").isEqualTo(rows);

        // Azure starts offering 1.19 (new default): a RefreshVersions command picks it up.
        ArrayNode changed = HowToExample.dataSet().path("values").deepCopy();
        changed.forEach(minor -> ((ObjectNode) minor).remove("isDefault"));
        ObjectNode v119 = changed.addObject().put("version", "1.19").put("isDefault", true);
        v119.putObject("patchVersions").putObject("1.19.1").putArray("upgrades");
        Emulated.offer(location, changed);
        UUID id = TestKafka.publish(new RefreshVersions("ws-versions", List.of(location)));

        JsonNode succeeded = TestKafka.awaitStatus(id, "OperationSucceeded").data();
        assertThat(succeeded.path("message").asText()).contains(location + " changed");
        ConsumerRecord<String, String> second = awaitVersionsRecord(location, "1.19.1");
        assertThat(read(second).versions().get(0).version()).isEqualTo("1.19");
        assertThat(outboxRows(location)).isEqualTo(rows + 1);
        assertThat(TestKafka.records(Topics.VERSIONS)).filteredOn(r -> location.equals(r.key())).hasSize(2);

        // Every service's cache (this one's too) follows the topic.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(cache.defaultVersion(location)).contains("1.19.1"));
        assertThat(cache.isSupported(location, "1.15.11")).isTrue();
        assertThat(cache.supportedVersions(location)).startsWith("1.19.1", "1.18.6");
    }

    @Test
    void theVmSizesOfALocationAreKeptBesideItsVersionsOnTheTopicAndServed() {
        String location = "centralus";
        Emulated.offer(location, HowToExample.dataSet().path("values"));
        assertThat(sync.syncNow(location).succeeded()).isTrue();

        LocationVersions published = read(awaitVersionsRecord(location, "Standard_D4s_v6"));
        assertThat(published.vmSizes()).extracting(LocationVersions.VmSize::name)
                .contains("Standard_D3_v2", "Standard_D4s_v5", "Standard_D4s_v6");
        assertThat(published.vmSizes()).filteredOn(s -> !s.available()).singleElement()
                .satisfies(s -> assertThat(s.restriction()).isEqualTo("NotAvailableForSubscription"));

        JsonNode answer = Http.json(Http.get(base, "/vmsizes?location=Central%20US"));
        assertThat(answer.path("location").asText()).isEqualTo(location);
        assertThat(answer.path("stale").asBoolean()).isFalse();
        assertThat(answer.path("vmSizes")).hasSize(published.vmSizes().size());
        assertThat(answer.path("vmSizes").findValues("name")).extracting(JsonNode::asText)
                .contains("Standard_E4s_v5", "Standard_NC24rs_v3");
        JsonNode d3 = answer.path("vmSizes").findParents("name").stream()
                .filter(n -> n.path("name").asText().equals("Standard_D3_v2")).findFirst().orElseThrow();
        assertThat(d3.path("vCpus").asInt()).isEqualTo(4);
        assertThat(d3.path("memoryGiB").asDouble()).isEqualTo(14.0);

        // The SKUs fail while the versions answer: the versions are synced, the last sizes stay.
        long rows = outboxRows(location);
        Emulated.control().injectFault(Fault.respond("ResourceSkus_List", 10, 500, "InternalServerError"));
        assertThat(sync.syncNow(location).outcome()).isEqualTo(SyncResult.Outcome.UNCHANGED);
        assertThat(outboxRows(location)).isEqualTo(rows);
        assertThat(Http.json(Http.get(base, "/vmsizes?location=" + location)).path("vmSizes"))
                .hasSize(published.vmSizes().size());
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(cache.get(location)).hasValueSatisfying(c -> assertThat(c.vmSizes())
                        .hasSize(published.vmSizes().size())));
    }

    @Test
    void refreshingALocationAzureDoesNotServeFailsWithUnknownLocation() {
        UUID id = TestKafka.publish(new RefreshVersions("ws-versions", List.of("marsnorth")));

        JsonNode failed = TestKafka.awaitStatus(id, "OperationFailed").data();

        assertThat(failed.path("code").asText()).isEqualTo("UnknownLocation");
        assertThat(failed.path("details").get(0).path("field").asText()).isEqualTo("locations[0]");
        assertThat(failed.path("details").get(0).path("message").asText()).contains("marsnorth",
                "az account list-locations");
    }

    @Test
    void whenAzureAnswers500TheLastGoodCatalogIsServedAsStale() {
        String location = "uksouth";
        Emulated.offer(location, HowToExample.dataSet().path("values"));
        assertThat(sync.syncNow(location).succeeded()).isTrue();
        JsonNode good = Http.json(Http.get(base, "/versions?location=" + location));

        Emulated.control().injectFault(Fault.respond(LIST_VERSIONS, 1000, 500, "InternalServerError"));
        SyncResult failed = sync.syncNow(location);

        assertThat(failed.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
        JsonNode stale = Http.json(Http.get(base, "/versions?location=" + location));
        assertThat(stale.path("stale").asBoolean()).isTrue();
        assertThat(stale.path("fetchedAt")).isEqualTo(good.path("fetchedAt"));
        assertThat(stale.path("versions")).isEqualTo(good.path("versions"));
        assertThat(Http.get(base, "/versions?location=" + location + "&output=table").body())
                .startsWith("KubernetesVersion    IsPreview    Upgrades").contains("1.16.13");

        Emulated.control().clearFaults();
        assertThat(sync.syncNow(location).outcome()).isEqualTo(SyncResult.Outcome.UNCHANGED);
        JsonNode fresh = Http.json(Http.get(base, "/versions?location=" + location));
        assertThat(fresh.path("stale").asBoolean()).isFalse();
        assertThat(java.time.Instant.parse(fresh.path("fetchedAt").asText()))
                .isAfter(java.time.Instant.parse(good.path("fetchedAt").asText()));
    }

    @Test
    void whenAzureHangsTheCallIsCutShortRetriedAndTheLastGoodCatalogIsServedAsStale() {
        String location = "swedencentral";
        Emulated.offer(location, HowToExample.dataSet().path("values"));
        assertThat(sync.syncNow(location).succeeded()).isTrue();
        Emulated.control().clearRequestCounts();
        Emulated.control().injectFault(Fault.hang(LIST_VERSIONS, 10, Duration.ofSeconds(8)));

        long start = System.nanoTime();
        SyncResult failed = sync.syncNow(location);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failed.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
        assertThat(failed.error()).contains("did not answer in time");
        assertThat(took).as("bounded by @Timeout, not by the hang").isLessThan(Duration.ofSeconds(7));
        assertThat(Emulated.control().requestCount(LIST_VERSIONS)).as("retried").isGreaterThanOrEqualTo(2);
        JsonNode stale = Http.json(Http.get(base, "/versions/default?location=" + location));
        assertThat(stale.path("stale").asBoolean()).isTrue();
        assertThat(stale.path("defaultVersion").asText()).isEqualTo("1.16.13");
    }

    /** Any signed-in caller can name a new location: only so many are looked up in Azure at once. */
    @Test
    void firstRequestsForNewLocationsAreBoundedAndTheOneTooManyIsToldSo() {
        Emulated.control().injectFault(Fault.hang(LIST_VERSIONS, VersionSync.MAX_FIRST_SYNCS, Duration.ofMillis(500)));
        List<java.util.concurrent.CompletableFuture<SyncResult>> looking = new java.util.ArrayList<>();
        for (int i = 0; i < VersionSync.MAX_FIRST_SYNCS; i++) {
            looking.add(sync.syncAsync("boundland" + (char) ('a' + i)));
        }
        assertThat(looking).noneMatch(java.util.concurrent.CompletableFuture::isDone);

        var answer = Http.get(base, "/versions?location=boundlandz");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(Http.json(answer).path("message").asText()).isEqualTo("the versions of boundlandz are not "
                + "known yet and 16 other locations are being looked up in Azure right now; try again shortly");
        looking.forEach(f -> assertThat(f).succeedsWithin(Duration.ofSeconds(60)));
        assertThat(sync.syncAsync("boundlandz")).as("room again once they are answered")
                .succeedsWithin(Duration.ofSeconds(60));
    }

    @Test
    void theLegacyOnlyApiGivesTheSameNormalisedCatalog() {
        String location = "centralus";
        Emulated.offer(location, HowToExample.dataSet().path("values"));
        SyncResult current = sync.syncNow(location);
        assertThat(current.view().sourceApi()).isEqualTo(FetchedVersions.CURRENT_API);
        JsonNode fromCurrent = Http.json(Http.get(base, "/versions?location=" + location));
        long rows = outboxRows(location);
        assertThat(Http.get(base, "/versions?location=" + location + "&output=table").body())
                .as("today's az layout for the current API").isEqualTo("""
                        KubernetesVersion    IsPreview    Upgrades                   SupportPlan
                        -------------------  -----------  -------------------------  ------------------
                        1.18.6               True         None available             KubernetesOfficial
                        1.18.4               True         1.18.6                     KubernetesOfficial
                        1.17.9               False        1.18.4, 1.18.6             KubernetesOfficial
                        1.17.7               False        1.17.9, 1.18.4, 1.18.6     KubernetesOfficial
                        1.16.13              False        1.17.7, 1.17.9             KubernetesOfficial
                        1.16.10              False        1.16.13, 1.17.7, 1.17.9    KubernetesOfficial
                        1.15.12              False        1.16.10, 1.16.13           KubernetesOfficial
                        1.15.11              False        1.15.12, 1.16.10, 1.16.13  KubernetesOfficial
                        """);

        Emulated.control().setLegacyVersionsOnly(true);
        SyncResult legacy = sync.syncNow(location);

        assertThat(legacy.view().sourceApi()).isEqualTo(FetchedVersions.LEGACY_API);
        assertThat(legacy.outcome()).as("same content, nothing to publish").isEqualTo(SyncResult.Outcome.UNCHANGED);
        assertThat(outboxRows(location)).isEqualTo(rows);
        assertThat(legacy.view().catalog().versions()).isEqualTo(current.view().catalog().versions());
        JsonNode fromLegacy = Http.json(Http.get(base, "/versions?location=" + location));
        assertThat(fromLegacy.path("versions")).isEqualTo(fromCurrent.path("versions"));
        assertThat(fromLegacy.path("defaultVersion").asText()).isEqualTo("1.16.13");
        assertThat(Http.get(base, "/versions?location=" + location + "&output=table").body())
                .isEqualTo(HowToExample.table());
    }

    @Test
    void theCacheSkipsBrokenRecordsAndKeepsReading() {
        TestKafka.companion().produceStrings().fromRecords(
                new ProducerRecord<>(Topics.VERSIONS, "brokenland", "this is { not json"),
                new ProducerRecord<>(Topics.VERSIONS, "brokenland", "{\"location\":\"brokenland\"}"),
                new ProducerRecord<>(Topics.VERSIONS, "goodland", Json.write(new LocationVersions("goodland", "1.32.7",
                        List.of(new LocationVersions.MinorVersion("1.32", true, false, List.of("KubernetesOfficial"),
                                List.of(new LocationVersions.PatchVersion("1.32.7", true, List.of())))),
                        java.time.Instant.now())))).awaitCompletion(Duration.ofSeconds(30));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(cache.defaultVersion("goodland")).contains("1.32.7"));
        assertThat(cache.get("brokenland")).isEmpty();
    }

    private long outboxRows(String location) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(m) from OutboxMessage m where m.topic = :topic and m.recordKey = :key", Long.class)
                .setParameter("topic", Topics.VERSIONS).setParameter("key", location).getSingleResult());
    }

    private static ConsumerRecord<String, String> awaitVersionsRecord(String location, String containing) {
        return TestKafka.await(Topics.VERSIONS, r -> location.equals(r.key()) && r.value() != null
                && r.value().contains(containing), Duration.ofSeconds(60));
    }

    private static LocationVersions read(ConsumerRecord<String, String> record) {
        try {
            return Json.MAPPER.readValue(record.value(), LocationVersions.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
