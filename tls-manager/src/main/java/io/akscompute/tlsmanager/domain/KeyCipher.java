package io.akscompute.tlsmanager.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for private keys at rest: {@code v1:} + base64(12-byte nonce | ciphertext | tag). A fresh nonce per
 * encryption; the associated data binds a ciphertext to its row, so keys cannot be swapped between rows.
 */
public final class KeyCipher {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public KeyCipher(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("the encryption key must be 16, 24 or 32 bytes (base64-encoded), got "
                    + key.length + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** From configuration: base64 of 32 random bytes ({@code openssl rand -base64 32}). */
    public static KeyCipher fromBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the encryption key is not base64");
        }
        return new KeyCipher(bytes);
    }

    /** The legacy format, before key ids: {@code v1:} + base64 (rows written then are read with key "default"). */
    public String encrypt(String plaintext, String associatedData) {
        return PREFIX + seal(plaintext, associatedData);
    }

    public String decrypt(String ciphertext, String associatedData) {
        if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
            throw new IllegalStateException("not an encrypted key of a known format");
        }
        return open(ciphertext.substring(PREFIX.length()), associatedData);
    }

    /** base64(nonce | ciphertext | tag). */
    String seal(String plaintext, String associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    String open(String sealed, String associatedData) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a wrong encryption key or a tampered row; the message must not help guess either
            throw new IllegalStateException("cannot decrypt a stored private key: wrong encryption key or altered data");
        }
    }
}
