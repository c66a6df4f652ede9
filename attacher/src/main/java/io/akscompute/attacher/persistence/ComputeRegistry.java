package io.akscompute.attacher.persistence;

import io.akscompute.attacher.azure.FrontEnd;
import io.akscompute.attacher.config.AttacherConfig;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.event.DriftDifference;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.contract.saga.TlsConfigured;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The workspace compute registry: names unique per workspace, one attachment per cluster. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ComputeRegistry {

    @Inject
    EntityManager em;

    @Inject
    AttacherConfig config;

    /** Also outside a transaction (a saga step's call outside reads it): the compute then comes detached. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<Compute> find(String workspace, String name) {
        return Optional.ofNullable(em.find(Compute.class, new Compute.Key(workspace, name)));
    }

    /**
     * At most {@code limit} of the workspace's computes in name order, from the first name after {@code after}
     * (null: from the first): a page read by the primary key's index, however many the workspace has.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<Compute> page(String workspace, String after, int limit) {
        return em.createQuery("from Compute where workspace = :w and name > :after order by name", Compute.class)
                .setParameter("w", workspace).setParameter("after", after == null ? "" : after)
                .setMaxResults(limit).getResultList();
    }

    /**
     * The resource ids of the clusters the workspace's computes use that are named {@code resourceGroup/name}, in
     * any subscription (compared as ARM compares names, ignoring case).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<String> clustersNamed(String workspace, String resourceGroup, String name) {
        String tail = "/resourceGroups/" + resourceGroup + "/providers/Microsoft.ContainerService/managedClusters/"
                + name;
        return em.createQuery("select clusterResourceId from Compute where workspace = :w"
                        + " and lower(right(clusterResourceId, :n)) = lower(:tail)", String.class)
                .setParameter("w", workspace).setParameter("n", tail.length()).setParameter("tail", tail)
                .getResultList();
    }

    /**
     * The compute a cluster is attached as, in any workspace. Its key by native SQL, then the entity: as HQL,
     * Hibernate built the query's translation again on every call (54 of its 77 samples in a JFR profile of an
     * attach burst).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<Compute> attachmentOf(String clusterResourceId) {
        List<?> keys = em.createNativeQuery("select workspace, name from compute"
                + " where lower(cluster_resource_id) = lower(?1)").setParameter(1, clusterResourceId).getResultList();
        return keys.stream().map(k -> (Object[]) k).findFirst().flatMap(k -> find((String) k[0], (String) k[1]));
    }

    /**
     * Reserves the name for an operation. Returns the compute holding the name when it is taken by another
     * operation; running the same reservation again (a retried step) is not a conflict.
     */
    public Optional<Compute> reserve(String workspace, String name, UUID operationId, boolean attached, Instant now) {
        Optional<Compute> existing = find(workspace, name);
        if (existing.isPresent()) {
            return existing.get().operationId.equals(operationId) ? Optional.empty() : existing;
        }
        Compute c = new Compute();
        c.workspace = workspace;
        c.name = name;
        c.operationId = operationId;
        c.attached = attached;
        c.provisioningState = Compute.CREATING;
        c.createdOn = now;
        c.modifiedOn = now;
        em.persist(c);
        return Optional.empty();
    }

    /** Marks the compute's cluster while it is being attached, so that a second attach of the cluster is refused. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void assignCluster(String workspace, String name, String clusterResourceId) {
        find(workspace, name).ifPresent(c -> c.clusterResourceId = clusterResourceId);
    }

    /** Releases a name reserved by that operation (compensation); someone else's compute stays. */
    public void release(String workspace, String name, UUID operationId) {
        find(workspace, name).filter(c -> c.operationId.equals(operationId)).ifPresent(em::remove);
    }

    /**
     * What an attach, update, re-attach or the registration of a created cluster found and did. A null field
     * leaves what the compute has.
     */
    public record Registration(UUID operationId, String clusterResourceId, String location, String kubernetesVersion,
            Integer agentCount, String agentVmSize, ClusterPurpose purpose, LoadBalancerType loadBalancerType,
            String loadBalancerSubnet, TlsConfigured tls, String leafDomainLabel, boolean tlsDisabled,
            FrontEnd.Endpoint endpoint, String componentVersion, String description, String clusterFqdn,
            AksNetworkingConfiguration network, String tlsFingerprint) {
    }

    /** The compute is ready: records what the operation found and did, and marks it Succeeded. */
    public void register(Compute c, Registration r, Instant now) {
        c.operationId = r.operationId();
        c.clusterResourceId = r.clusterResourceId();
        c.location = r.location() != null ? r.location() : c.location;
        c.kubernetesVersion = r.kubernetesVersion() != null ? r.kubernetesVersion() : c.kubernetesVersion;
        c.agentCount = r.agentCount() != null ? r.agentCount() : c.agentCount;
        c.agentVmSize = r.agentVmSize() != null ? r.agentVmSize() : c.agentVmSize;
        c.clusterPurpose = r.purpose() != null ? r.purpose().name() : c.clusterPurpose;
        LoadBalancerType lb = r.loadBalancerType() == null ? LoadBalancerType.PublicIp : r.loadBalancerType();
        c.loadBalancerType = lb.name();
        c.loadBalancerSubnet = lb == LoadBalancerType.InternalLoadBalancer ? r.loadBalancerSubnet() : null;
        if (r.tls() != null) {
            c.sslStatus = r.tls().status().name();
            c.certificateRef = r.tls().certificateRef();
            c.cname = r.tls().cname();
            c.fqdn = r.tls().fqdn() != null ? r.tls().fqdn() : r.tls().cname();
            c.leafDomainLabel = r.leafDomainLabel();
        } else if (r.tlsDisabled()) {
            c.sslStatus = SslStatus.Disabled.name();
            c.fqdn = r.endpoint() != null ? r.endpoint().hostname() : null;
        }
        c.endpointIp = r.endpoint() != null ? r.endpoint().ip() : c.endpointIp;
        c.clusterFqdn = r.clusterFqdn() != null ? r.clusterFqdn() : c.clusterFqdn;
        c.aksNetworking = r.network() != null ? Json.write(r.network()) : c.aksNetworking;
        c.componentVersion = r.componentVersion();
        c.description = r.description() != null ? r.description() : c.description;
        c.tlsFingerprint = SslStatus.Disabled.name().equals(c.sslStatus) ? null
                : r.tlsFingerprint() != null ? r.tlsFingerprint() : c.tlsFingerprint;
        c.provisioningState = Compute.SUCCEEDED;
        c.provisioningErrors = null;
        c.modifiedOn = now;
        // The first check one interval on; at once when drift was recorded, which this operation may have mended.
        c.driftCheckAt = c.drift != null ? now : now.plus(config.driftInterval());
    }

    /** The drift the last check stored (empty when none). */
    public static List<DriftDifference> drift(Compute c) {
        if (c.drift == null) {
            return List.of();
        }
        try {
            return List.of(Json.MAPPER.readValue(c.drift, DriftDifference[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("compute row holds unreadable drift JSON", e);
        }
    }

    public void remove(Compute compute) {
        em.remove(compute);
    }

    public static ComputeSnapshot snapshot(Compute c) {
        SslStatus ssl = SslStatus.valueOf(c.sslStatus);
        return new ComputeSnapshot(c.workspace, c.name, c.provisioningState,
                c.provisioningErrors == null ? List.of() : List.of(c.provisioningErrors), c.attached,
                c.clusterResourceId, c.location, c.createdOn, c.modifiedOn, c.description,
                new ComputeSnapshot.Properties(c.clusterFqdn,
                        c.endpointIp == null ? List.of() : List.of(new ComputeSnapshot.SystemService(
                                "ScoringFrontEnd", c.endpointIp, c.componentVersion)),
                        c.agentCount, c.agentVmSize,
                        c.clusterPurpose == null ? null : ClusterPurpose.valueOf(c.clusterPurpose),
                        new ComputeSnapshot.Ssl(ssl, c.certificateRef, c.cname, c.leafDomainLabel,
                                ssl == SslStatus.Disabled ? null : c.fqdn),
                        c.aksNetworking == null ? null : network(c.aksNetworking),
                        c.loadBalancerType == null ? null : LoadBalancerType.valueOf(c.loadBalancerType),
                        c.loadBalancerSubnet, c.kubernetesVersion),
                c.drift == null ? null : drift(c));
    }

    private static AksNetworkingConfiguration network(String json) {
        try {
            return Json.MAPPER.readValue(json, AksNetworkingConfiguration.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("compute row holds unreadable networking JSON", e);
        }
    }
}
