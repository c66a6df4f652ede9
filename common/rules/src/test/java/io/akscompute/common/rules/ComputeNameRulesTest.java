package io.akscompute.common.rules;

import static io.akscompute.common.rules.Fixtures.WS;
import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.DeleteCluster;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.contract.command.ReattachCluster;
import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.common.contract.command.RenewCertificate;
import io.akscompute.common.contract.command.ScaleCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.LoadBalancerType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComputeNameRulesTest {

    private static List<Detail> checkName(String name) {
        return Preflight.check(new DetachCluster(WS, name));
    }

    @Test
    void twoCharactersAreTooShort() {
        assertThat(checkName("ab")).containsExactly(new Detail("computeName",
                "compute name 'ab' is 2 characters long; it must be 3 to 24 characters"));
    }

    @Test
    void threeAndTwentyFourCharactersPass() {
        assertThat(checkName("abc")).isEmpty();
        assertThat(checkName("a" + "b".repeat(22) + "9")).isEmpty();
    }

    @Test
    void twentyFiveCharactersAreTooLong() {
        List<Detail> details = checkName("a".repeat(25));
        assertThat(details).extracting(Detail::field).containsExactly("computeName");
        assertThat(details.get(0).message()).contains("25 characters long", "3 to 24");
    }

    @Test
    void tooLongAndTrailingHyphenAreTwoViolations() {
        List<Detail> details = checkName("a".repeat(24) + "-");
        assertThat(details).extracting(Detail::field).containsExactly("computeName", "computeName");
        assertThat(details.get(0).message()).contains("25 characters long");
        assertThat(details.get(1).message()).contains("ends with '-'", "letter or a digit");
    }

    @Test
    void trailingHyphen() {
        assertThat(checkName("my-aks-")).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("computeName");
            assertThat(d.message()).contains("'my-aks-'", "ends with '-'", "must end with a letter or a digit");
        });
    }

    @Test
    void leadingDigit() {
        assertThat(checkName("1aks")).singleElement().satisfies(d ->
                assertThat(d.message()).contains("starts with '1'", "must start with a letter"));
    }

    @Test
    void leadingHyphen() {
        assertThat(checkName("-aks")).singleElement().satisfies(d ->
                assertThat(d.message()).contains("starts with '-'"));
    }

    @Test
    void invalidCharacters() {
        assertThat(checkName("my_aks.1")).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("computeName");
            assertThat(d.message()).contains("contains '_', '.'", "only letters, digits and hyphens are allowed");
        });
        assertThat(checkName("my aks")).singleElement().satisfies(d ->
                assertThat(d.message()).contains("contains a space"));
        assertThat(checkName("myäks")).singleElement().satisfies(d ->
                assertThat(d.message()).contains("contains 'ä'"));
    }

    @Test
    void upperCaseLettersAndInnerHyphensAreAllowed() {
        assertThat(checkName("My-AKS-01")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"amlcompute", "local", "containerinstance", "AmlCompute", "LOCAL", "ContainerInstance"})
    void reservedNamesAreRefusedInAnyCase(String name) {
        assertThat(checkName(name)).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("computeName");
            assertThat(d.message()).contains("'" + name + "'", "reserved", "choose another name");
        });
    }

    @Test
    void reservedNameAsPartOfALongerNameIsFine() {
        assertThat(checkName("local-aks")).isEmpty();
    }

    @Test
    void missingName() {
        assertThat(checkName(null)).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("computeName");
            assertThat(d.message()).contains("missing", "3 to 24");
        });
        assertThat(checkName("")).extracting(Detail::field).containsExactly("computeName");
    }

    @Test
    void everyCommandAboutAComputeChecksItsName() {
        assertThat(Preflight.check(new DeleteCluster(WS, "ab"))).extracting(Detail::field).containsExactly("computeName");
        assertThat(Preflight.check(new ReattachCluster(WS, "ab"))).extracting(Detail::field).containsExactly("computeName");
        assertThat(Preflight.check(new RenewCertificate(WS, "ab"))).extracting(Detail::field).containsExactly("computeName");
        assertThat(Preflight.check(Fixtures.create("ab", 3, "Standard_D3_v2", null)))
                .extracting(Detail::field).containsExactly("computeName");
        assertThat(Preflight.check(new ScaleCluster(WS, "ab", 3, null)))
                .extracting(Detail::field).containsExactly("computeName");
        assertThat(Preflight.check(new UpdateCluster(WS, "ab", null, LoadBalancerType.PublicIp, null)))
                .extracting(Detail::field).containsExactly("computeName");
        assertThat(Preflight.check(new AttachCluster(WS, "ab", Fixtures.RESOURCE_ID, null, null, null, null, null,
                null, null))).extracting(Detail::field).containsExactly("computeName");
    }

    @Test
    void refreshVersionsHasNoComputeName() {
        assertThat(Preflight.check(new RefreshVersions(WS, null))).isEmpty();
    }

    @Test
    void workspaceRules() {
        assertThat(Preflight.check(new DetachCluster(null, "myaks"))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("workspace");
            assertThat(d.message()).contains("missing", "1 to 64");
        });
        assertThat(Preflight.check(new DetachCluster("w", "myaks"))).isEmpty();
        assertThat(Preflight.check(new DetachCluster("W_s-1".repeat(12) + "abcd", "myaks"))).isEmpty();
        assertThat(Preflight.check(new DetachCluster("w".repeat(65), "myaks"))).singleElement().satisfies(d ->
                assertThat(d.message()).contains("65 characters long", "1 to 64"));
        assertThat(Preflight.check(new DetachCluster("my.ws", "myaks"))).singleElement().satisfies(d ->
                assertThat(d.message()).contains("contains '.'", "letters, digits, hyphens and underscores"));
        assertThat(Preflight.check(new RefreshVersions("my ws", null))).extracting(Detail::field)
                .containsExactly("workspace");
    }

    @Test
    void veryLongValuesAreShortenedInMessages() {
        String name = "x".repeat(5000);
        assertThat(checkName(name)).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("5000 characters long");
            assertThat(d.message().length()).isLessThan(400);
        });
    }
}
