package io.akscompute.attacher.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SHA-256 fingerprint of the first certificate in a PEM text, as {@code 9F:86:D0:...} (openssl's form). */
public final class CertificateFingerprint {
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private CertificateFingerprint() {
    }

    /** Empty when the text holds no readable certificate. */
    public static Optional<String> of(String pem) {
        if (pem == null) {
            return Optional.empty();
        }
        Matcher m = CERTIFICATE.matcher(pem);
        if (!m.find()) {
            return Optional.empty();
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1).getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return Optional.of(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
