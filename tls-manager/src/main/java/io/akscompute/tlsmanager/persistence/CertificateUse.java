package io.akscompute.tlsmanager.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A compute whose cluster holds a certificate in its azuremlfessl secret. */
@Entity
@Table(name = "certificate_use")
public class CertificateUse {

    @Embeddable
    public static class Key implements Serializable {
        public String workspace;

        @Column(name = "compute_name")
        public String computeName;

        public Key() {
        }

        public Key(String workspace, String computeName) {
            this.workspace = workspace;
            this.computeName = computeName;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(workspace, k.workspace)
                    && Objects.equals(computeName, k.computeName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(workspace, computeName);
        }
    }

    @EmbeddedId
    public Key id;

    @Column(name = "cluster_resource_id", nullable = false)
    public String clusterResourceId;

    @Column(name = "certificate_id", nullable = false)
    public String certificateId;

    /** Fingerprint of the certificate the cluster's secret holds; differs from the certificate's after a renewal. */
    @Column(name = "deployed_fingerprint")
    public String deployedFingerprint;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Writes of the secret that failed in a row; the next one waits until {@code retryAt}. */
    @Column(nullable = false)
    public int failures;

    @Column(name = "retry_at")
    public Instant retryAt;
}
