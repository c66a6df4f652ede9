package io.akscompute.tlsmanager.saga;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.contract.saga.ConfigureTls;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.RemoveTls;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.contract.saga.TlsConfigured;
import io.akscompute.tlsmanager.azure.AzureFailure;
import io.akscompute.tlsmanager.azure.ClusterRef;
import io.akscompute.tlsmanager.azure.ClusterSecrets;
import io.akscompute.tlsmanager.domain.CertificateValidator;
import io.akscompute.tlsmanager.domain.HostNames;
import io.akscompute.tlsmanager.domain.Pem;
import io.akscompute.tlsmanager.persistence.CertificateEntity;
import io.akscompute.tlsmanager.persistence.CertificateUse;
import io.akscompute.tlsmanager.service.AutoCertificates;
import io.akscompute.tlsmanager.service.CertificateStore;
import io.akscompute.tlsmanager.service.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * tls-manager's part in the attach and create sagas: ConfigureTls (issue or resolve the certificate, write the
 * azuremlfessl secret) and RemoveTls (delete it; compensation and detach). Runs on the worker thread, never on a
 * consumer thread. The result's {@code finish} runs in the transaction that stores and publishes the reply.
 */
@ApplicationScoped
public class TlsParticipant {
    private static final Logger LOG = Logger.getLogger(TlsParticipant.class);
    public static final String INTERNAL_LB = "TLS is not supported together with the internal load balancer";

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

    /** A reply, and the bookkeeping that must commit with it. */
    public record Outcome(SagaReply reply, Runnable finish) {
    }

    public Outcome handle(SagaRequest request) {
        try {
            return switch (request.action()) {
                case ConfigureTls -> configure(request, payload(request, ConfigureTls.class));
                case RemoveTls -> remove(request, payload(request, RemoveTls.class));
                // Requests go to the action's participant; another one here is a sender's defect.
                default -> throw new Failure(ErrorCode.InvalidCommand, "tls-manager does not carry out "
                        + request.action() + "; it is " + request.action().participant().id() + "'s", false, List.of());
            };
        } catch (Failure f) {
            LOG.infof("%s for %s/%s failed: %s %s", request.action(), request.workspace(), request.computeName(),
                    f.code(), f.getMessage());
            return new Outcome(failed(request, f), () -> { });
        } catch (AzureFailure e) {
            LOG.warnf("%s for %s/%s failed: %s", request.action(), request.workspace(), request.computeName(),
                    e.getMessage());
            return new Outcome(failed(request, Failure.of(e)), () -> { });
        }
    }

    private Outcome configure(SagaRequest request, ConfigureTls tls) {
        SslConfiguration ssl = tls.sslConfiguration();
        if (tls.loadBalancerType() == LoadBalancerType.InternalLoadBalancer) {
            throw new Failure(ErrorCode.ValidationFailed, INTERNAL_LB, false,
                    List.of(new Detail("loadBalancerType", INTERNAL_LB)));
        }
        if (ssl == null || !ssl.enabled()) {
            throw Failure.validation("sslConfiguration.status", "ConfigureTls needs sslConfiguration with status Auto "
                    + "or Enabled; to turn TLS off, ask RemoveTls");
        }
        try {
            ClusterRef.parse(tls.clusterResourceId());
        } catch (IllegalArgumentException e) {
            throw Failure.validation("clusterResourceId", e.getMessage());
        }
        CertificateEntity certificate;
        String fqdn;
        String cname;
        String dnsLabel;
        if (ssl.status() == SslStatus.Auto) {
            if (ssl.leafDomainLabel() == null || ssl.leafDomainLabel().isBlank()) {
                throw Failure.validation("sslConfiguration.leafDomainLabel", "status Auto needs a leafDomainLabel");
            }
            if (tls.location() == null || tls.location().isBlank()) {
                throw Failure.validation("location", "status Auto needs the cluster's location: the domain is "
                        + "<label>######.<location>.cloudapp.azure.com");
            }
            certificate = auto.forCompute(request.workspace(), request.computeName(), ssl.leafDomainLabel(),
                    tls.location(), Boolean.TRUE.equals(ssl.overwriteExistingDomain()), Boolean.TRUE.equals(ssl.renew()));
            fqdn = certificate.fqdn;
            cname = null;
            dnsLabel = certificate.dnsLabel;
        } else {
            certificate = resolveUserCertificate(ssl);
            cname = ssl.cname() == null || ssl.cname().isBlank() ? certificate.cname : ssl.cname().trim().toLowerCase(java.util.Locale.ROOT);
            fqdn = cname;
            dnsLabel = null;
        }
        CertificateStore.Material material = store.material(certificate);
        secrets.write(tls.clusterResourceId(), material.certPem(), material.keyPem());
        String reference = certificate.id;
        String fingerprint = certificate.fingerprint;
        TlsConfigured result = new TlsConfigured(reference, ssl.status(), fqdn, cname, dnsLabel, certificate.notAfter);
        LOG.infof("TLS configured for %s/%s with certificate %s (%s)", request.workspace(), request.computeName(),
                reference, fqdn);
        return new Outcome(succeeded(request, Json.MAPPER.valueToTree(result)),
                () -> remember(request, tls.clusterResourceId(), reference, fingerprint));
    }

    private CertificateEntity resolveUserCertificate(SslConfiguration ssl) {
        String reference = ssl.certificateRef();
        CertificateEntity c = store.find(reference).orElseThrow(() -> new Failure(ErrorCode.CertificateNotFound,
                "certificate '" + reference + "' does not exist; upload the certificate, key and cname with "
                        + "POST /certificates and use the reference it returns", false,
                List.of(new Detail("sslConfiguration.certificateRef", "no such certificate"))));
        Instant now = Instant.now(clock);
        if (!now.isBefore(c.notAfter)) {
            throw new Failure(ErrorCode.CertificateInvalid, "certificate '" + reference + "' expired " + c.notAfter
                    + "; upload a renewed one", false, List.of());
        }
        if (now.isBefore(c.notBefore)) {
            throw new Failure(ErrorCode.CertificateInvalid, "certificate '" + reference + "' is not valid before "
                    + c.notBefore, false, List.of());
        }
        if (ssl.cname() != null && !ssl.cname().isBlank()) {
            List<String> names = HostNames.of(Pem.certificates(c.certPem).get(0));
            if (!HostNames.covers(names, ssl.cname().trim())) {
                throw new Failure(ErrorCode.CertificateInvalid, CertificateValidator.notCovered(ssl.cname().trim(),
                        names), false, List.of(new Detail("sslConfiguration.cname", "not covered by the certificate")));
            }
        }
        return c;
    }

    private void remember(SagaRequest request, String clusterResourceId, String reference, String fingerprint) {
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

    private Outcome remove(SagaRequest request, RemoveTls remove) {
        boolean deleted;
        try {
            deleted = secrets.delete(remove.clusterResourceId());
        } catch (AzureFailure e) {
            if (e.code() != ErrorCode.ClusterNotFound) {
                throw e;
            }
            // the cluster is gone and its secret with it: nothing left to undo
            LOG.infof("RemoveTls for %s/%s: %s", request.workspace(), request.computeName(), e.getMessage());
            deleted = false;
        }
        JsonNode result = Json.MAPPER.valueToTree(Map.of("secretDeleted", deleted,
                "certificateDropped", remove.dropCertificate()));
        return new Outcome(succeeded(request, result), () -> forget(request, remove.dropCertificate()));
    }

    private void forget(SagaRequest request, boolean dropCertificate) {
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

    private static <T> T payload(SagaRequest request, Class<T> type) {
        JsonNode payload = request.payload();
        if (payload == null || !payload.isObject()) {
            throw Failure.validation("payload", "the " + request.action() + " request has no payload object");
        }
        try {
            return Json.MAPPER.treeToValue(payload, type);
        } catch (JsonProcessingException e) {
            throw Failure.validation("payload", "the " + request.action() + " payload is not valid: "
                    + e.getOriginalMessage());
        }
    }

    static SagaReply succeeded(SagaRequest request, JsonNode result) {
        return new SagaReply(request.sagaId(), request.requestId(), request.action(), true, null, null, null, false,
                result);
    }

    static SagaReply failed(SagaRequest request, Failure f) {
        return new SagaReply(request.sagaId(), request.requestId(), request.action(), false, f.code(), f.getMessage(),
                f.details().isEmpty() ? null : f.details(), f.retryable(), null);
    }

    public static SagaReply failed(SagaRequest request, ErrorCode code, String message, boolean retryable) {
        return failed(request, new Failure(code, message, retryable, List.of()));
    }

    static boolean isOurs(ParticipantAction action) {
        return action.participant() == io.akscompute.common.contract.ServiceName.TLS_MANAGER;
    }
}
