package io.akscompute.tlsmanager.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code akscompute.tls-manager.*}; see tls-manager/README.md. */
@ConfigMapping(prefix = "akscompute.tls-manager")
public interface TlsManagerConfig {

    /**
     * AES key (base64 of 16, 24 or 32 random bytes, e.g. {@code openssl rand -base64 32}) that encrypts private
     * keys at rest. Required in the prod profile; dev and test use the documented dev key.
     */
    Optional<String> encryptionKey();

    /** More keys by id ({@code akscompute.tls-manager.encryption-keys.<id>}), for rotation; see KeyRing. */
    Map<String, String> encryptionKeys();

    /** The key new writes use; needed when there is more than one key. */
    Optional<String> encryptionKeyId();

    /** Lifetime of an auto-issued certificate. */
    @WithDefault("P90D")
    Duration validity();

    /** How long before its end an auto-issued certificate is renewed; absent: a third of the validity. */
    Optional<Duration> renewBefore();

    /** How long before its end a user's certificate gets a CertificateExpiring event. */
    @WithDefault("P30D")
    Duration expiryWarning();

    /** Common name of the built-in certificate authority's root. */
    @WithDefault("akscompute CA")
    String caCommonName();
}
