package io.akscompute.provisioner.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A cluster the provisioner created (or is creating) for a compute. */
@Entity
@Table(name = "created_cluster")
@IdClass(CreatedCluster.Key.class)
public class CreatedCluster {
    public record Key(String workspace, String computeName) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    public static final String CREATING = "Creating";
    public static final String SUCCEEDED = "Succeeded";
    public static final String DELETING = "Deleting";

    @Id
    public String workspace;

    @Id
    @Column(name = "compute_name")
    public String computeName;

    @Column(name = "operation_id", nullable = false)
    public UUID operationId;

    @Column(name = "resource_group", nullable = false)
    public String resourceGroup;

    @Column(name = "cluster_name", nullable = false)
    public String clusterName;

    @Column(name = "cluster_resource_id", nullable = false)
    public String clusterResourceId;

    @Column(nullable = false)
    public String location;

    @Column(name = "cluster_purpose", nullable = false)
    public String clusterPurpose;

    @Column(name = "agent_pool", nullable = false)
    public String agentPool;

    @Column(name = "agent_count", nullable = false)
    public int agentCount;

    @Column(name = "agent_vm_size", nullable = false)
    public String agentVmSize;

    @Column(name = "kubernetes_version")
    public String kubernetesVersion;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
