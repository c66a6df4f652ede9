package io.akscompute.versioncatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.common.work.Outages;
import io.akscompute.testing.DatabaseLink;
import io.akscompute.testing.Postgres;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestKafka;
import io.akscompute.versioncatalog.domain.HowToExample;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * version-catalog's database goes away while a RefreshVersions asks Azure, and comes back: Azure answered, so the
 * refresh is not Azure's failure; it waits for the database and succeeds (the database is cut at a TCP link; the
 * shared server stays).
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = {
        @ResourceArg(name = "database", value = "version_catalog"), @ResourceArg(name = "link", value = "cuttable")})
class DatabaseAwayQuarkusTest {
    private static final String LIST_VERSIONS = "ManagedClusters_ListKubernetesVersions";

    @Inject
    EntityManager em;

    @Test
    void aRefreshWhoseCatalogMeetsTheDatabaseAwaySucceedsOnceItIsBack() throws Exception {
        String location = "southcentralus";
        Emulated.offer(location, HowToExample.dataSet().path("values"));
        UUID[] id = new UUID[1];
        // Azure answers after 2 s, while the database is away: the catalog it sent cannot be stored then.
        DatabaseLink.outageDuringTheNextCall(LIST_VERSIONS, Duration.ofSeconds(2), Duration.ofSeconds(6),
                () -> id[0] = TestKafka.publish(new RefreshVersions("ws-db-away", List.of(location))));

        TestKafka.awaitStatus(id[0], "OperationSucceeded", Duration.ofSeconds(30));
        assertThat(TestKafka.statusOf(id[0])).extracting(s -> s.type())
                .doesNotContain("akscompute.OperationFailed.v1");
    }

    /**
     * PostgreSQL stopping during a commit: the transaction manager reports it only in a suppressed exception. It is
     * still the database away, so a sync or a step that meets it waits instead of blaming Azure (a chaos run's
     * RefreshVersions once ended AzureError so).
     */
    @Test
    void aCommitThatTheDatabaseCutsShortIsTheDatabaseAway() {
        Throwable thrown = catchThrowable(() -> QuarkusTransaction.requiringNew().run(() -> {
            Number pid = (Number) em.createNativeQuery("select pg_backend_pid()").getSingleResult();
            Postgres.terminate(pid.intValue());
        }));

        assertThat(thrown).as("the commit failed").isNotNull();
        assertThat(Outages.isDatabaseOutage(thrown)).as("%s is the database away", thrown).isTrue();
    }
}
