package io.akscompute.tlsmanager.service;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.saga.StepFailure;
import io.akscompute.tlsmanager.config.TlsManagerConfig;
import io.akscompute.tlsmanager.domain.DomainNames;
import io.akscompute.tlsmanager.domain.Issuer;
import io.akscompute.tlsmanager.domain.RenewalPolicy;
import io.akscompute.tlsmanager.persistence.CertificateEntity;
import io.akscompute.tlsmanager.persistence.DomainName;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Issues, reuses and renews the certificates tls-manager issues for a compute's leaf domain label. */
@ApplicationScoped
public class AutoCertificates {
    private static final Logger LOG = Logger.getLogger(AutoCertificates.class);
    private static final int NAME_ATTEMPTS = 20;

    @Inject
    EntityManager em;

    @Inject
    Issuer issuer;

    @Inject
    CertificateStore store;

    @Inject
    TlsManagerConfig config;

    @Inject
    Clock clock;

    private final DomainNames names = new DomainNames(new SecureRandom());
    private RenewalPolicy policy;

    @PostConstruct
    void init() {
        policy = new RenewalPolicy(config.validity(), config.renewBefore().orElse(null));
    }

    public RenewalPolicy policy() {
        return policy;
    }

    /**
     * The compute's certificate for the label: its existing one (re-attach), renewed first when due or asked; else
     * a new one for a new FQDN, or for the label's existing FQDN with {@code overwriteExistingDomain}.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public CertificateEntity forCompute(String workspace, String computeName, String leafDomainLabel, String location,
            boolean overwriteExistingDomain, boolean renew) {
        String label = DomainNames.normalize(leafDomainLabel);
        String region = DomainNames.normalize(location);
        Instant now = Instant.now(clock);
        Optional<CertificateEntity> existing = em.createQuery("""
                select c from CertificateEntity c where c.kind = :kind and c.workspace = :ws and c.computeName = :cn
                and c.leafLabel = :label and c.location = :loc order by c.createdAt desc""", CertificateEntity.class)
                .setParameter("kind", CertificateEntity.Kind.AUTO).setParameter("ws", workspace)
                .setParameter("cn", computeName).setParameter("label", label).setParameter("loc", region)
                .setMaxResults(1).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
        if (existing.isPresent()) {
            CertificateEntity c = existing.get();
            if (renew || policy.due(c.notAfter, now)) {
                renewLocked(c, now);
            }
            return c;
        }
        DomainName domain = em.createQuery("""
                select d from DomainName d where d.leafLabel = :label and d.location = :loc order by d.createdAt desc""",
                DomainName.class).setParameter("label", label).setParameter("loc", region).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
        if (domain != null && !overwriteExistingDomain) {
            throw new StepFailure(ErrorCode.ValidationFailed, "the leaf domain label '" + label + "' already has the "
                    + "domain " + domain.fqdn + "; set overwriteExistingDomain to true to reuse it, or pick another "
                    + "label", List.of(new Detail("sslConfiguration.leafDomainLabel", "already has the domain "
                            + domain.fqdn)));
        }
        if (domain == null) {
            domain = newDomain(label, region, now);
        }
        CertificateEntity c = new CertificateEntity();
        c.kind = CertificateEntity.Kind.AUTO;
        c.workspace = workspace;
        c.computeName = computeName;
        c.fqdn = domain.fqdn;
        c.dnsLabel = domain.dnsLabel;
        c.leafLabel = label;
        c.location = region;
        store.storeIssued(c, issuer.issue(domain.fqdn, now));
        LOG.infof("issued certificate %s for %s (compute %s/%s), valid until %s", c.id, c.fqdn, workspace, computeName,
                c.notAfter);
        return c;
    }

    private DomainName newDomain(String label, String region, Instant now) {
        for (int i = 0; i < NAME_ATTEMPTS; i++) {
            String dnsLabel = names.newDnsLabel(label);
            String fqdn = DomainNames.fqdn(dnsLabel, region);
            int inserted = em.createNativeQuery("""
                    insert into domain_name (fqdn, leaf_label, dns_label, location, created_at)
                    values (:fqdn, :label, :dns, :loc, :at) on conflict (fqdn) do nothing""")
                    .setParameter("fqdn", fqdn).setParameter("label", label).setParameter("dns", dnsLabel)
                    .setParameter("loc", region).setParameter("at", now).executeUpdate();
            if (inserted == 1) {
                return em.find(DomainName.class, fqdn);
            }
        }
        throw new IllegalStateException("no free domain name for label " + label + " after " + NAME_ATTEMPTS + " tries");
    }

    /** Renews a certificate the caller has locked, whatever its expiry, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void renew(CertificateEntity c, Instant now) {
        renewLocked(c, now);
    }

    private void renewLocked(CertificateEntity c, Instant now) {
        Instant previous = c.notAfter;
        store.replace(c, issuer.issue(c.fqdn, now));
        LOG.infof("renewed certificate %s for %s: valid until %s instead of %s", c.id, c.fqdn, c.notAfter, previous);
    }

}
