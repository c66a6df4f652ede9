package io.akscompute.tlsmanager.config;

import io.akscompute.tlsmanager.domain.KeyCipher;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The cipher for private keys at rest. Built at startup so that a missing or malformed key stops the service
 * before it accepts anything: the prod profile has no default key.
 */
@ApplicationScoped
public class KeyCipherProducer {

    static final String PROPERTY = "akscompute.tls-manager.encryption-key";

    @Produces
    @Singleton
    @Startup
    KeyCipher keyCipher(TlsManagerConfig config) {
        String key = config.encryptionKey().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                PROPERTY + " is not set: tls-manager refuses to start without the key that encrypts private keys at "
                        + "rest. Set it (environment AKSCOMPUTE_TLS_MANAGER_ENCRYPTION_KEY) to the base64 of 32 random "
                        + "bytes, e.g. from 'openssl rand -base64 32'"));
        try {
            return KeyCipher.fromBase64(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + " is not usable: " + e.getMessage());
        }
    }
}
