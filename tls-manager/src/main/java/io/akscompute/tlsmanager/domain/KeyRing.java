package io.akscompute.tlsmanager.domain;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys that encrypt private keys at rest, each with an id; new writes use the active one and say which
 * ({@code v2:<id>:} + base64), so that keys can be rotated: add a key, make it active, re-encrypt the old rows, then
 * drop the old key. Rows from before key ids ({@code v1:}) were written with the key now called {@link #LEGACY_ID}.
 */
public final class KeyRing {
    public static final String LEGACY_ID = "default";
    private static final String V2 = "v2:";

    private final Map<String, KeyCipher> keys;
    private final String activeId;

    public KeyRing(Map<String, KeyCipher> keys, String activeId) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no encryption key is configured");
        }
        if (!keys.containsKey(activeId)) {
            throw new IllegalArgumentException("the active key id '" + activeId + "' is not one of the configured keys "
                    + new TreeMap<>(keys).keySet());
        }
        for (String id : keys.keySet()) {
            if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("key id '" + id + "': letters, digits, - and _, at most 32");
            }
        }
        this.keys = Map.copyOf(keys);
        this.activeId = activeId;
    }

    public String activeId() {
        return activeId;
    }

    public Set<String> ids() {
        return keys.keySet();
    }

    public String encrypt(String plaintext, String associatedData) {
        return V2 + activeId + ":" + keys.get(activeId).seal(plaintext, associatedData);
    }

    public String decrypt(String ciphertext, String associatedData) {
        String id = keyId(ciphertext);
        KeyCipher cipher = keys.get(id);
        if (cipher == null) {
            throw new IllegalStateException("a stored private key is encrypted with key '" + id + "', which is not "
                    + "configured: add it to akscompute.tls-manager.encryption-keys");
        }
        return ciphertext.startsWith(V2) ? cipher.open(ciphertext.substring(V2.length() + id.length() + 1),
                associatedData) : cipher.decrypt(ciphertext, associatedData);
    }

    /** True when the row was written with another key than the active one. */
    public boolean needsReencryption(String ciphertext) {
        return !activeId.equals(keyId(ciphertext));
    }

    /** The id of the key a row was written with. */
    public static String keyId(String ciphertext) {
        if (ciphertext != null && ciphertext.startsWith(V2)) {
            int end = ciphertext.indexOf(':', V2.length());
            if (end > V2.length()) {
                return ciphertext.substring(V2.length(), end);
            }
        }
        if (ciphertext != null && ciphertext.startsWith("v1:")) {
            return LEGACY_ID;
        }
        throw new IllegalStateException("not an encrypted key of a known format");
    }
}
