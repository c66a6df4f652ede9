package io.akscompute.tlsmanager.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When an auto-issued certificate is renewed: {@code renewBefore} ahead of its end, by default a third of its
 * lifetime (cert-manager's "renew at two thirds").
 */
public record RenewalPolicy(Duration validity, Duration renewBefore) {

    public RenewalPolicy {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        if (renewBefore == null) {
            renewBefore = validity.dividedBy(3);
        }
        if (renewBefore.isNegative() || renewBefore.compareTo(validity) >= 0) {
            throw new IllegalArgumentException("renew-before (" + renewBefore + ") must be shorter than the validity ("
                    + validity + ")");
        }
    }

    public Instant renewAt(Instant notAfter) {
        return notAfter.minus(renewBefore);
    }

    public boolean due(Instant notAfter, Instant now) {
        return !now.isBefore(renewAt(notAfter));
    }
}
