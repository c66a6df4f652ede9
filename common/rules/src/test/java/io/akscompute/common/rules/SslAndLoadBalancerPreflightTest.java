package io.akscompute.common.rules;

import static io.akscompute.common.rules.Fixtures.attachWith;
import static io.akscompute.common.rules.Fixtures.createWith;
import static io.akscompute.common.rules.Fixtures.ssl;
import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class SslAndLoadBalancerPreflightTest {

    private static List<Detail> checkSsl(SslConfiguration ssl) {
        return Preflight.check(createWith(null, null, ssl));
    }

    @Test
    void validTlsSetupsPass() {
        assertThat(checkSsl(SslConfiguration.auto("contoso"))).isEmpty();
        assertThat(checkSsl(SslConfiguration.custom("cert-7f3a", "ml.contoso.com"))).isEmpty();
        assertThat(checkSsl(ssl(SslStatus.Disabled, null, null, null, false, false))).isEmpty();
        assertThat(checkSsl(ssl(SslStatus.Auto, null, null, "contoso", true, true))).isEmpty();
    }

    @Test
    void certificateWithoutCname() {
        assertThat(checkSsl(ssl(SslStatus.Enabled, "cert-7f3a", null, null, null, null))).singleElement()
                .satisfies(d -> {
                    assertThat(d.field()).isEqualTo("sslConfiguration.cname");
                    assertThat(d.message()).contains("cname is missing", "go together");
                });
    }

    @Test
    void cnameWithoutCertificate() {
        assertThat(checkSsl(ssl(SslStatus.Enabled, null, "ml.contoso.com", null, null, null)))
                .extracting(Detail::field).containsExactly("sslConfiguration.certificateRef");
    }

    @Test
    void leafLabelWithCertificate() {
        assertThat(checkSsl(ssl(SslStatus.Auto, "cert-7f3a", "ml.contoso.com", "contoso", null, null)))
                .singleElement().satisfies(d -> {
                    assertThat(d.field()).isEqualTo("sslConfiguration.leafDomainLabel");
                    assertThat(d.message()).contains("cannot be combined", "one or the other");
                });
    }

    @Test
    void badLeafLabel() {
        List<Detail> details = checkSsl(SslConfiguration.auto("Contoso_ML-"));
        assertThat(details).extracting(Detail::field).containsOnly("sslConfiguration.leafDomainLabel");
        assertThat(details).extracting(Detail::message).anySatisfy(m ->
                assertThat(m).contains("starts with 'C'", "lowercase letter"));
        assertThat(details).extracting(Detail::message).anySatisfy(m -> assertThat(m).contains("ends with '-'"));
        assertThat(details).extracting(Detail::message).anySatisfy(m ->
                assertThat(m).contains("contains 'C', '_', 'M', 'L'", "lowercase letters, digits and hyphens"));
        assertThat(details).hasSize(3);
    }

    @Test
    void leafLabelOf57CharactersPassesAnd58Fail() {
        assertThat(checkSsl(SslConfiguration.auto("a".repeat(57)))).isEmpty();
        assertThat(checkSsl(SslConfiguration.auto("a".repeat(58)))).singleElement().satisfies(d ->
                assertThat(d.message()).contains("58 characters long", "1 to 57", "six random characters"));
    }

    @Test
    void autoNeedsLeafLabel() {
        assertThat(checkSsl(ssl(SslStatus.Auto, null, null, null, null, null))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("sslConfiguration.leafDomainLabel");
            assertThat(d.message()).contains("status Auto needs a leafDomainLabel");
        });
    }

    @Test
    void enabledNeedsCertificateAndCname() {
        assertThat(checkSsl(ssl(SslStatus.Enabled, null, null, "contoso", null, null))).singleElement()
                .satisfies(d -> {
                    assertThat(d.field()).isEqualTo("sslConfiguration.certificateRef");
                    assertThat(d.message()).contains("status Enabled needs certificateRef and cname", "status Auto");
                });
    }

    @Test
    void overwriteOnlyWithLeafLabel() {
        assertThat(checkSsl(ssl(SslStatus.Enabled, "cert-7f3a", "ml.contoso.com", null, true, null)))
                .extracting(Detail::field).containsExactly("sslConfiguration.overwriteExistingDomain");
    }

    @Test
    void renewOnlyWithAuto() {
        assertThat(checkSsl(ssl(SslStatus.Enabled, "cert-7f3a", "ml.contoso.com", null, null, true)))
                .singleElement().satisfies(d -> {
                    assertThat(d.field()).isEqualTo("sslConfiguration.renew");
                    assertThat(d.message()).contains("status Auto", "status is Enabled");
                });
    }

    @Test
    void disabledWithOtherFieldsSet() {
        assertThat(checkSsl(ssl(SslStatus.Disabled, "cert-7f3a", "ml.contoso.com", null, null, null)))
                .singleElement().satisfies(d -> {
                    assertThat(d.field()).isEqualTo("sslConfiguration.status");
                    assertThat(d.message()).contains("Disabled", "certificateRef, cname are also set");
                });
    }

    @Test
    void missingStatus() {
        assertThat(checkSsl(ssl(null, null, null, "contoso", null, null))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("sslConfiguration.status");
            assertThat(d.message()).contains("Disabled, Enabled", "Auto");
        });
    }

    @Test
    void tlsWithInternalLoadBalancer() {
        List<Detail> details = Preflight.check(
                createWith(LoadBalancerType.InternalLoadBalancer, null, SslConfiguration.auto("contoso")));
        assertThat(details).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("loadBalancerType");
            assertThat(d.message()).contains("TLS is not supported together with the internal load balancer");
        });
        assertThat(Preflight.check(attachWith(LoadBalancerType.InternalLoadBalancer, "aks-subnet",
                SslConfiguration.custom("cert-7f3a", "ml.contoso.com"))))
                .extracting(Detail::field).containsExactly("loadBalancerType");
    }

    @Test
    void internalLoadBalancerWithoutTlsPasses() {
        assertThat(Preflight.check(createWith(LoadBalancerType.InternalLoadBalancer, null, null))).isEmpty();
        assertThat(Preflight.check(createWith(LoadBalancerType.InternalLoadBalancer, "ml-subnet",
                new SslConfiguration(SslStatus.Disabled, null, null, null, null, null)))).isEmpty();
    }

    @Test
    void subnetWithoutInternalLoadBalancer() {
        assertThat(Preflight.check(createWith(null, "aks-subnet", null))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("loadBalancerSubnet");
            assertThat(d.message()).contains("only used with loadBalancerType InternalLoadBalancer", "PublicIp");
        });
        assertThat(Preflight.check(attachWith(LoadBalancerType.PublicIp, "aks-subnet", null)))
                .extracting(Detail::field).containsExactly("loadBalancerSubnet");
    }
}
