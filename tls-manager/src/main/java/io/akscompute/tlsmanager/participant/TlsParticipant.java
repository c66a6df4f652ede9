package io.akscompute.tlsmanager.participant;

import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.azure.ClusterRef;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.contract.saga.ConfigureTls;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.RemoveTls;
import io.akscompute.common.contract.saga.TlsConfigured;
import io.akscompute.common.participant.ParticipantContext;
import io.akscompute.common.participant.ParticipantDefinition;
import io.akscompute.common.rules.LoadBalancerRules;
import io.akscompute.common.saga.StepFailure;
import io.akscompute.common.saga.StepResult;
import io.akscompute.tlsmanager.azure.ClusterSecrets;
import io.akscompute.tlsmanager.domain.CertificateValidator;
import io.akscompute.tlsmanager.domain.HostNames;
import io.akscompute.tlsmanager.domain.Pem;
import io.akscompute.tlsmanager.persistence.CertificateEntity;
import io.akscompute.tlsmanager.persistence.CertificateUse;
import io.akscompute.tlsmanager.service.AutoCertificates;
import io.akscompute.tlsmanager.service.CertificateStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * tls-manager's part in the attach and create sagas: ConfigureTls (issue or resolve the certificate, write the
 * azuremlfessl secret) and RemoveTls, which undoes it (delete the secret; compensation and detach).
 */
@ApplicationScoped
public class TlsParticipant {
    private static final Logger LOG = Logger.getLogger(TlsParticipant.class);

    @Inject
    AutoCertificates auto;

    @Inject
    CertificateStore store;

    @Inject
    ClusterSecrets secrets;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Produces
    @ApplicationScoped
    ParticipantDefinition actions() {
        return ParticipantDefinition.builder()
                .on(ParticipantAction.ConfigureTls, ConfigureTls.class, this::configure)
                    .undoneBy(ParticipantAction.RemoveTls, RemoveTls.class, this::remove)
                .build();
    }

    StepResult configure(ParticipantContext<ConfigureTls> request) {
        ConfigureTls tls = request.request();
        SslConfiguration ssl = tls.sslConfiguration();
        if (LoadBalancerRules.tlsConflict(tls.loadBalancerType(), true)) {
            return StepResult.fail(ErrorCode.ValidationFailed, LoadBalancerRules.TLS_WITH_INTERNAL,
                    List.of(new Detail("loadBalancerType", LoadBalancerRules.TLS_WITH_INTERNAL)));
        }
        if (ssl == null || !ssl.enabled()) {
            return invalid("sslConfiguration.status", "ConfigureTls needs sslConfiguration with status Auto or "
                    + "Enabled; to turn TLS off, ask RemoveTls");
        }
        ClusterRef cluster;
        try {
            cluster = ClusterRef.parse(tls.clusterResourceId());
        } catch (IllegalArgumentException e) {
            return invalid("clusterResourceId", e.getMessage());
        }
        CertificateEntity certificate;
        String fqdn;
        String cname;
        String dnsLabel;
        if (ssl.status() == SslStatus.Auto) {
            if (ssl.leafDomainLabel() == null || ssl.leafDomainLabel().isBlank()) {
                return invalid("sslConfiguration.leafDomainLabel", "status Auto needs a leafDomainLabel");
            }
            if (tls.location() == null || tls.location().isBlank()) {
                return invalid("location", "status Auto needs the cluster's location: the domain is "
                        + "<label>######.<location>.cloudapp.azure.com");
            }
            certificate = auto.forCompute(request.workspace(), request.computeName(), ssl.leafDomainLabel(),
                    tls.location(), Boolean.TRUE.equals(ssl.overwriteExistingDomain()), Boolean.TRUE.equals(ssl.renew()));
            fqdn = certificate.fqdn;
            cname = null;
            dnsLabel = certificate.dnsLabel;
        } else {
            certificate = userCertificate(request.workspace(), ssl);
            cname = ssl.cname() == null || ssl.cname().isBlank() ? certificate.cname
                    : ssl.cname().trim().toLowerCase(Locale.ROOT);
            fqdn = cname;
            dnsLabel = null;
        }
        CertificateStore.Material material = store.material(certificate);
        try {
            secrets.write(cluster, material.certPem(), material.keyPem());
        } catch (RuntimeException e) {
            return AzureFailures.classify(e, "writing the TLS secret into cluster " + cluster.name());
        }
        String reference = certificate.id;
        String fingerprint = certificate.fingerprint;
        QuarkusTransaction.joiningExisting().run(() -> remember(request, tls.clusterResourceId(), reference,
                fingerprint));
        LOG.infof("TLS configured for %s/%s with certificate %s (%s)", request.workspace(), request.computeName(),
                certificate.id, fqdn);
        return StepResult.done(null, new TlsConfigured(certificate.id, ssl.status(), fqdn, cname, dnsLabel,
                certificate.notAfter));
    }

    private static StepResult invalid(String field, String message) {
        return StepFailure.invalid(field, message).result();
    }

    private CertificateEntity userCertificate(String workspace, SslConfiguration ssl) {
        String reference = ssl.certificateRef();
        CertificateEntity c = store.find(reference).orElseThrow(() -> new StepFailure(ErrorCode.CertificateNotFound,
                "certificate '" + reference + "' does not exist; upload the certificate, key and cname with "
                        + "POST /workspaces/" + workspace + "/certificates and use the reference it returns",
                List.of(new Detail("sslConfiguration.certificateRef", "no such certificate"))));
        if (!workspace.equals(c.workspace)) {
            // Another workspace's key never goes into this cluster; the refusal names nothing of the other workspace.
            throw new StepFailure(ErrorCode.Forbidden, "certificate '" + reference + "' does not belong to workspace "
                    + workspace + "; upload it to this workspace", List.of(new Detail(
                            "sslConfiguration.certificateRef", "belongs to another workspace")));
        }
        Instant now = Instant.now(clock);
        if (!now.isBefore(c.notAfter)) {
            throw new StepFailure(ErrorCode.CertificateInvalid, "certificate '" + reference + "' expired "
                    + c.notAfter + "; upload a renewed one");
        }
        if (now.isBefore(c.notBefore)) {
            throw new StepFailure(ErrorCode.CertificateInvalid, "certificate '" + reference + "' is not valid before "
                    + c.notBefore);
        }
        if (ssl.cname() != null && !ssl.cname().isBlank()) {
            List<String> names = HostNames.of(Pem.certificates(c.certPem).get(0));
            if (!HostNames.covers(names, ssl.cname().trim())) {
                throw new StepFailure(ErrorCode.CertificateInvalid, CertificateValidator.notCovered(
                        ssl.cname().trim(), names), List.of(new Detail("sslConfiguration.cname",
                                "not covered by the certificate")));
            }
        }
        return c;
    }

    private void remember(ParticipantContext<?> request, String clusterResourceId, String reference,
            String fingerprint) {
        CertificateUse.Key key = new CertificateUse.Key(request.workspace(), request.computeName());
        CertificateUse use = em.find(CertificateUse.class, key);
        boolean fresh = use == null;
        if (fresh) {
            use = new CertificateUse();
            use.id = key;
        }
        use.clusterResourceId = clusterResourceId;
        use.certificateId = reference;
        use.deployedFingerprint = fingerprint;
        use.updatedAt = Instant.now(clock);
        if (fresh) {
            em.persist(use);
        }
    }

    StepResult remove(ParticipantContext<RemoveTls> request) {
        RemoveTls remove = request.request();
        boolean deleted = false;
        try {
            deleted = secrets.delete(ClusterRef.parse(remove.clusterResourceId()));
        } catch (IllegalArgumentException notACluster) {
            LOG.infof("RemoveTls for %s/%s: %s", request.workspace(), request.computeName(), notACluster.getMessage());
        } catch (RuntimeException e) {
            if (!AzureFailures.isNotFound(e)) {
                return AzureFailures.classify(e, "deleting the TLS secret from cluster " + remove.clusterResourceId());
            }
            // the cluster is gone and its secret with it: nothing left to undo
            LOG.infof("RemoveTls for %s/%s: the cluster no longer exists", request.workspace(), request.computeName());
        }
        QuarkusTransaction.joiningExisting().run(() -> forget(request, remove.dropCertificate()));
        return StepResult.done(null, Map.of("secretDeleted", deleted, "certificateDropped", remove.dropCertificate()));
    }

    private void forget(ParticipantContext<?> request, boolean dropCertificate) {
        CertificateUse use = em.find(CertificateUse.class,
                new CertificateUse.Key(request.workspace(), request.computeName()));
        if (use != null) {
            em.remove(use);
            em.flush();
        }
        if (!dropCertificate) {
            return;
        }
        // Only what tls-manager issued for this compute; a user's upload stays for them to reuse.
        List<CertificateEntity> owned = em.createQuery("""
                select c from CertificateEntity c where c.kind = :kind and c.workspace = :ws and c.computeName = :cn""",
                CertificateEntity.class).setParameter("kind", CertificateEntity.Kind.AUTO)
                .setParameter("ws", request.workspace()).setParameter("cn", request.computeName()).getResultList();
        for (CertificateEntity c : owned) {
            long usedElsewhere = em.createQuery("select count(u) from CertificateUse u where u.certificateId = :id",
                    Long.class).setParameter("id", c.id).getSingleResult();
            if (usedElsewhere > 0) {
                continue;
            }
            em.remove(c);
            em.flush();
            long sameDomain = em.createQuery("select count(c) from CertificateEntity c where c.fqdn = :f", Long.class)
                    .setParameter("f", c.fqdn).getSingleResult();
            if (sameDomain == 0) {
                em.createQuery("delete from DomainName d where d.fqdn = :f").setParameter("f", c.fqdn).executeUpdate();
            }
            LOG.infof("dropped certificate %s (%s) of %s/%s", c.id, c.fqdn, request.workspace(), request.computeName());
        }
    }
}
