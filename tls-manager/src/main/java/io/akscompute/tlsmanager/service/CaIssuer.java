package io.akscompute.tlsmanager.service;

import io.akscompute.tlsmanager.config.TlsManagerConfig;
import io.akscompute.tlsmanager.domain.CertificateAuthority;
import io.akscompute.tlsmanager.domain.IssuedCertificate;
import io.akscompute.tlsmanager.domain.Issuer;
import io.akscompute.tlsmanager.domain.KeyRing;
import io.akscompute.tlsmanager.domain.Pem;
import io.akscompute.tlsmanager.persistence.CaKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The built-in issuer: akscompute's certificate authority. Its root key is generated on the first start and kept
 * encrypted in the database; two instances starting at once agree on one root (insert-if-absent, then read).
 */
@ApplicationScoped
public class CaIssuer implements Issuer {
    private static final Logger LOG = Logger.getLogger(CaIssuer.class);
    static final String KEY_AAD = "ca_key/" + CaKey.ID;

    @Inject
    EntityManager em;

    @Inject
    KeyRing cipher;

    @Inject
    TlsManagerConfig config;

    @Inject
    Clock clock;

    private volatile CertificateAuthority authority;

    void onStart(@Observes StartupEvent event) {
        authority();
    }

    @Override
    public String name() {
        return CertificateAuthority.NAME;
    }

    @Override
    public IssuedCertificate issue(String fqdn, Instant now) {
        return authority().issue(fqdn, now);
    }

    /** The root certificate clients trust to accept auto-issued certificates, PEM. */
    public String rootPem() {
        return Pem.write(List.of(authority().certificate()));
    }

    private CertificateAuthority authority() {
        if (authority == null) {
            synchronized (this) {
                if (authority == null) {
                    authority = QuarkusTransaction.requiringNew().call(this::loadOrCreate);
                }
            }
        }
        return authority;
    }

    private CertificateAuthority loadOrCreate() {
        CaKey row = em.find(CaKey.class, CaKey.ID);
        if (row == null) {
            CertificateAuthority created = CertificateAuthority.create(config.caCommonName(), Instant.now(clock),
                    config.validity());
            int inserted = em.createNativeQuery("""
                    insert into ca_key (id, cert_pem, key_enc, created_at) values (:id, :cert, :key, :at)
                    on conflict (id) do nothing""")
                    .setParameter("id", CaKey.ID)
                    .setParameter("cert", Pem.write(List.of(created.certificate())))
                    .setParameter("key", cipher.encrypt(Pem.write(created.privateKey()), KEY_AAD))
                    .setParameter("at", Instant.now())
                    .executeUpdate();
            if (inserted == 1) {
                LOG.infof("created the certificate authority %s", created.certificate().getSubjectX500Principal());
            }
            row = em.find(CaKey.class, CaKey.ID);
        }
        return new CertificateAuthority(Pem.certificates(row.certPem).get(0),
                Pem.privateKey(cipher.decrypt(row.keyEncrypted, KEY_AAD)), config.validity());
    }
}
