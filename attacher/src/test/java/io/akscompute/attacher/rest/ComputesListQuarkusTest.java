package io.akscompute.attacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.common.contract.ComputeList;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestIdentity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A workspace's computes come a bounded page at a time, in name order, each page linking the next as ARM's do. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "attacher"))
class ComputesListQuarkusTest {

    @Inject
    ComputeRegistry registry;

    private static String reader(String workspace) {
        return TestIdentity.token("lisa", Map.of(workspace, WorkspaceRole.READER));
    }

    private String workspaceWith(List<String> names) {
        String ws = "ws-list-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> names.forEach(
                n -> registry.reserve(ws, n, UUID.randomUUID(), true, Instant.now())));
        return ws;
    }

    private static ComputeList get(String workspace, String pathAndQuery) {
        String body = given().auth().oauth2(reader(workspace)).urlEncodingEnabled(false).get(pathAndQuery)
                .then().statusCode(200).extract().asString();
        try {
            return Json.MAPPER.readValue(body, ComputeList.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyComputeComesOnceInNameOrderFollowingNextLink() {
        List<String> names = List.of("gamma", "alpha", "zeta", "delta", "beta", "eta", "epsilon");
        String ws = workspaceWith(names);

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        ComputeList page = get(ws, "/workspaces/" + ws + "/computes?$top=3");
        while (true) {
            page.value().forEach(c -> seen.add(c.name()));
            sizes.add(page.value().size());
            if (page.nextLink() == null) {
                break;
            }
            URI next = URI.create(page.nextLink());
            assertThat(next.getRawQuery()).contains("$top=3");
            page = get(ws, next.getRawPath() + "?" + next.getRawQuery());
        }

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactly("alpha", "beta", "delta", "epsilon", "eta", "gamma", "zeta");
        assertThat(get(ws, "/workspaces/" + ws + "/computes").value()).extracting(ComputeSnapshot::name)
                .containsExactlyElementsOf(seen);
        assertThat(get(ws, "/workspaces/" + ws + "/computes").nextLink()).isNull();
    }

    @Test
    void aPageIsAtMostTheDefaultWhenTopIsNotGiven() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ComputeList.DEFAULT_TOP + 1; i++) {
            names.add("c%03d".formatted(i));
        }
        String ws = workspaceWith(names);

        ComputeList first = get(ws, "/workspaces/" + ws + "/computes");
        assertThat(first.value()).hasSize(ComputeList.DEFAULT_TOP);
        assertThat(first.skipToken()).isPresent();
        ComputeList last = get(ws, "/workspaces/" + ws + "/computes?$skipToken=" + first.skipToken().get());
        assertThat(last.value()).extracting(ComputeSnapshot::name).containsExactly("c100");
        assertThat(last.nextLink()).isNull();
    }

    @Test
    void aPageSizeOrStartTheServiceDidNotOfferIsRefusedSayingWhy() {
        String ws = workspaceWith(List.of("one"));
        for (String top : List.of("0", "1001", "-1", "many", "99999999999")) {
            given().auth().oauth2(reader(ws)).urlEncodingEnabled(false)
                    .get("/workspaces/" + ws + "/computes?$top=" + top)
                    .then().statusCode(400).body("code", equalTo("ValidationFailed"))
                    .body("message", equalTo("$top must be a whole number from 1 to 1000"));
        }
        for (String token : List.of("***", "A".repeat(300))) {
            given().auth().oauth2(reader(ws)).urlEncodingEnabled(false)
                    .get("/workspaces/" + ws + "/computes?$skipToken=" + token)
                    .then().statusCode(400).body("code", equalTo("ValidationFailed"))
                    .body("message", containsString("$skipToken is not one this service gave"));
        }
    }
}
