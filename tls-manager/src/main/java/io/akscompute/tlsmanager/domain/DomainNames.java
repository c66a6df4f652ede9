package io.akscompute.tlsmanager.domain;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Azure ML's auto TLS names: {@code <leafDomainLabel><six random lowercase letters or digits>} is the DNS label of
 * the front end's public IP, and {@code <dnsLabel>.<region>.cloudapp.azure.com} the FQDN the certificate is for.
 */
public final class DomainNames {
    public static final int SUFFIX_LENGTH = 6;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random;

    public DomainNames(SecureRandom random) {
        this.random = random;
    }

    public String newDnsLabel(String leafDomainLabel) {
        StringBuilder label = new StringBuilder(normalize(leafDomainLabel));
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            label.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return label.toString();
    }

    public static String fqdn(String dnsLabel, String region) {
        return dnsLabel + "." + normalize(region) + ".cloudapp.azure.com";
    }

    public static String normalize(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
