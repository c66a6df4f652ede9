package io.akscompute.attacher.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A compute of a workspace: an AKS cluster attached (or created) as an inference target. */
@Entity
@Table(name = "compute")
@IdClass(Compute.Key.class)
public class Compute {
    public record Key(String workspace, String name) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    public static final String CREATING = "Creating";
    public static final String UPDATING = "Updating";
    public static final String SUCCEEDED = "Succeeded";
    public static final String DELETING = "Deleting";
    /** An operation could not undo all it did: provisioningErrors says what it left; detach or delete it. */
    public static final String NEEDS_ATTENTION = "NeedsAttention";

    @Id
    public String workspace;

    @Id
    public String name;

    /** The operation that reserved the name or changed the compute last. */
    @Column(name = "operation_id", nullable = false)
    public UUID operationId;

    @Column(name = "is_attached", nullable = false)
    public boolean attached;

    @Column(name = "cluster_resource_id")
    public String clusterResourceId;

    public String location;

    @Column(name = "cluster_purpose")
    public String clusterPurpose;

    @Column(name = "load_balancer_type")
    public String loadBalancerType;

    @Column(name = "load_balancer_subnet")
    public String loadBalancerSubnet;

    @Column(name = "ssl_status", nullable = false)
    public String sslStatus = "Disabled";

    @Column(name = "certificate_ref")
    public String certificateRef;

    public String cname;

    @Column(name = "leaf_domain_label")
    public String leafDomainLabel;

    /** The scoring endpoint's name (TLS certificate or Azure DNS label). */
    public String fqdn;

    /** The cluster's API server, as ARM shows it. */
    @Column(name = "cluster_fqdn")
    public String clusterFqdn;

    /** The networking configuration a created cluster was made with, as JSON. */
    @Column(name = "aks_networking")
    public String aksNetworking;

    @Column(name = "kubernetes_version")
    public String kubernetesVersion;

    @Column(name = "agent_count")
    public Integer agentCount;

    @Column(name = "agent_vm_size")
    public String agentVmSize;

    @Column(name = "endpoint_ip")
    public String endpointIp;

    @Column(name = "component_version")
    public String componentVersion;

    @Column(name = "provisioning_state", nullable = false)
    public String provisioningState;

    @Column(name = "provisioning_errors")
    public String provisioningErrors;

    public String description;

    /** What the last drift check found different from this record, as JSON; null when nothing. */
    public String drift;

    @Column(name = "drift_checked_at")
    public Instant driftCheckedAt;

    /** When the next drift check is due. */
    @Column(name = "drift_check_at")
    public Instant driftCheckAt;

    /** The certificate the TLS secret held when TLS was last put in place (SHA-256). */
    @Column(name = "tls_fingerprint")
    public String tlsFingerprint;

    @Column(name = "created_on", nullable = false)
    public Instant createdOn;

    @Column(name = "modified_on", nullable = false)
    public Instant modifiedOn;
}
