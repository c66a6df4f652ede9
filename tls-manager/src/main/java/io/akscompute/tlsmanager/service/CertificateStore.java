package io.akscompute.tlsmanager.service;

import io.akscompute.tlsmanager.domain.CertificateValidator;
import io.akscompute.tlsmanager.domain.IssuedCertificate;
import io.akscompute.tlsmanager.domain.KeyRing;
import io.akscompute.tlsmanager.domain.Pem;
import io.akscompute.tlsmanager.domain.ValidCertificate;
import io.akscompute.tlsmanager.persistence.CertificateEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Stores certificates with their keys encrypted, and hands the plaintext key out only to who needs it. */
@ApplicationScoped
public class CertificateStore {
    private static final Logger LOG = Logger.getLogger(CertificateStore.class);

    @Inject
    EntityManager em;

    @Inject
    KeyRing cipher;

    @Inject
    Clock clock;

    /** A certificate and key, both PEM: what goes into the secret and the export. */
    public record Material(String certPem, String keyPem) {
        @Override
        public String toString() {
            return "Material[key hidden]";
        }
    }

    /**
     * Validates and stores a user's certificate for the workspace it belongs to;
     * {@link io.akscompute.tlsmanager.domain.CertificateInvalidException} otherwise.
     */
    @Transactional
    public CertificateEntity importUserCertificate(String workspace, String certPem, String keyPem, String cname) {
        ValidCertificate valid = CertificateValidator.validate(certPem, keyPem, cname, Instant.now(clock));
        CertificateEntity c = new CertificateEntity();
        c.id = newReference();
        c.kind = CertificateEntity.Kind.USER;
        c.workspace = workspace;
        c.cname = valid.cname();
        c.certPem = Pem.write(valid.chain());
        c.keyEncrypted = cipher.encrypt(Pem.write(valid.key()), aad(c.id));
        c.fingerprint = fingerprint(valid.chain().get(0));
        c.notBefore = valid.notBefore();
        c.notAfter = valid.notAfter();
        c.issuer = valid.chain().get(0).getIssuerX500Principal().getName();
        c.createdAt = Instant.now(clock);
        em.persist(c);
        LOG.infof("imported certificate %s for %s, valid until %s", c.id, c.cname, c.notAfter);
        return c;
    }

    /** A new AUTO certificate row (not yet persisted by the caller's choice: it is persisted here). */
    @Transactional(Transactional.TxType.MANDATORY)
    public CertificateEntity storeIssued(CertificateEntity c, IssuedCertificate issued) {
        if (c.id == null) {
            c.id = newReference();
        }
        apply(c, issued);
        c.createdAt = Instant.now(clock);
        em.persist(c);
        return c;
    }

    /** Replaces an AUTO certificate's material with a renewed one, keeping its reference. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replace(CertificateEntity c, IssuedCertificate issued) {
        apply(c, issued);
        c.renewedAt = Instant.now(clock);
    }

    private void apply(CertificateEntity c, IssuedCertificate issued) {
        c.certPem = issued.chainPem();
        c.keyEncrypted = cipher.encrypt(issued.keyPem(), aad(c.id));
        c.fingerprint = fingerprint(Pem.certificates(issued.chainPem()).get(0));
        c.notBefore = issued.notBefore();
        c.notAfter = issued.notAfter();
        c.issuer = issued.issuer();
    }

    /** The certificate if it belongs to the workspace: a reference alone grants nothing. */
    public Optional<CertificateEntity> find(String workspace, String reference) {
        return find(reference).filter(c -> workspace != null && workspace.equals(c.workspace));
    }

    public Optional<CertificateEntity> find(String reference) {
        return reference == null ? Optional.empty() : Optional.ofNullable(em.find(CertificateEntity.class, reference));
    }

    /** The plaintext material; only for writing the secret and for the authenticated export. */
    public Material material(CertificateEntity c) {
        return new Material(c.certPem, cipher.decrypt(c.keyEncrypted, aad(c.id)));
    }

    static String aad(String reference) {
        return "certificate/" + reference;
    }

    static String newReference() {
        return "cert-" + UUID.randomUUID();
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
