package io.akscompute.tlsmanager.config;

import io.akscompute.tlsmanager.domain.KeyCipher;
import io.akscompute.tlsmanager.domain.KeyRing;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * The keys for private keys at rest. Built at startup so that a missing or malformed key stops the service before
 * it accepts anything: the prod profile has no default key and refuses the documented development key.
 */
@ApplicationScoped
public class KeyCipherProducer {

    static final String PROPERTY = "akscompute.tls-manager.encryption-key";
    /** The development and test key of application.properties: public, so never good enough for production. */
    static final String DEV_KEY = "YWtzY29tcHV0ZS1kZXYta2V5LU5PVC1BLVNFQ1JFVCE=";

    @Produces
    @Singleton
    @Startup
    KeyRing keyRing(TlsManagerConfig config) {
        Map<String, String> configured = new HashMap<>(config.encryptionKeys());
        config.encryptionKey().filter(k -> !k.isBlank()).ifPresent(k -> configured.put(KeyRing.LEGACY_ID, k));
        if (configured.isEmpty()) {
            throw new IllegalStateException(PROPERTY + " is not set: tls-manager refuses to start without the key that "
                    + "encrypts private keys at rest. Set it (environment AKSCOMPUTE_TLS_MANAGER_ENCRYPTION_KEY) to the "
                    + "base64 of 32 random bytes, e.g. from 'openssl rand -base64 32'");
        }
        Map<String, KeyCipher> keys = new HashMap<>();
        configured.forEach((id, key) -> {
            if (LaunchMode.current() == LaunchMode.NORMAL && DEV_KEY.equals(key.trim())) {
                throw new IllegalStateException("encryption key '" + id + "' is the public development key: a "
                        + "production start needs its own");
            }
            try {
                keys.put(id, KeyCipher.fromBase64(key));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("encryption key '" + id + "' is not usable: " + e.getMessage());
            }
        });
        String active = config.encryptionKeyId().orElseGet(() -> {
            if (keys.size() > 1) {
                throw new IllegalStateException("several encryption keys are configured: say which new writes use "
                        + "with akscompute.tls-manager.encryption-key-id");
            }
            return keys.keySet().iterator().next();
        });
        try {
            return new KeyRing(keys, active);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
