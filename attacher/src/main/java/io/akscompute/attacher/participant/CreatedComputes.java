package io.akscompute.attacher.participant;

import com.azure.core.management.exception.ManagementException;
import io.akscompute.attacher.azure.FrontEnd;
import io.akscompute.attacher.config.AttacherConfig;
import io.akscompute.attacher.participant.ParticipantDesk.Answer;
import io.akscompute.attacher.participant.ParticipantDesk.Later;
import io.akscompute.attacher.participant.ParticipantDesk.Outcome;
import io.akscompute.attacher.persistence.Compute;
import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.contract.saga.CreatedUnregistered;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.RecordScale;
import io.akscompute.common.contract.saga.RegisterCreated;
import io.akscompute.common.contract.saga.ReserveName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The registry's side of the provisioner's sagas: names, front end and entries of clusters akscompute created. */
@ApplicationScoped
public class CreatedComputes {
    private static final Duration POLL = Duration.ofSeconds(1);

    @Inject
    ComputeRegistry registry;

    @Inject
    FrontEnd frontEnd;

    @Inject
    AttacherConfig config;

    Outcome handle(ParticipantRequest r, Instant now) {
        return switch (ParticipantAction.valueOf(r.action)) {
            case ReserveName -> reserve(r, now);
            case ReleaseName -> release(r);
            case RegisterCreated -> register(r, now);
            case UnregisterCreated -> unregister(r, now);
            case RecordScale -> recordScale(r, now);
            default -> Answer.refuse(ErrorCode.InvalidCommand, r.action + " is not an attacher action");
        };
    }

    private Outcome reserve(ParticipantRequest r, Instant now) {
        ReserveName asked = payload(r, ReserveName.class);
        Optional<Compute> taken = registry.reserve(r.workspace, r.computeName, r.operationId, false, now);
        if (taken.isPresent()) {
            Compute c = taken.get();
            return Answer.refuse(ErrorCode.ComputeAlreadyExists, "a compute named " + r.computeName
                    + " already exists in workspace " + r.workspace + " ("
                    + (c.clusterResourceId != null ? (c.attached ? "attached to " : "created as ") + c.clusterResourceId
                            : "being set up by operation " + c.operationId)
                    + "); a cluster with the same name already exists, choose another name");
        }
        registry.find(r.workspace, r.computeName).ifPresent(c -> {
            if (asked != null) {
                c.location = asked.location();
                c.description = asked.description();
            }
        });
        return Answer.ok("name " + r.computeName + " reserved", null);
    }

    private Outcome release(ParticipantRequest r) {
        registry.release(r.workspace, r.computeName, r.operationId);
        return Answer.ok("name " + r.computeName + " released", null);
    }

    private Outcome register(ParticipantRequest r, Instant now) {
        RegisterCreated created = payload(r, RegisterCreated.class);
        Optional<Compute> reserved = registry.find(r.workspace, r.computeName)
                .filter(c -> c.operationId.equals(r.operationId));
        if (reserved.isEmpty()) {
            return Answer.refuse(ErrorCode.ComputeNotFound, "the name " + r.computeName + " is not reserved for "
                    + "operation " + r.operationId + " in workspace " + r.workspace);
        }
        boolean internal = created.loadBalancerType() == LoadBalancerType.InternalLoadBalancer;
        boolean tls = created.tls() != null;
        if (!r.frontEndInstalled) {
            frontEnd.install(created.clusterResourceId(), new FrontEnd.Spec(config.frontEndVersion(),
                    created.clusterPurpose() != null && created.clusterPurpose().isProduction() ? 3 : 1, internal,
                    created.loadBalancerSubnet(), tls ? created.tls().dnsLabel() : null, tls));
            r.frontEndInstalled = true;
            r.deadline = now.plus(config.endpointTimeout());
        }
        Optional<FrontEnd.Endpoint> endpoint = frontEnd.endpoint(created.clusterResourceId(), internal);
        if (endpoint.isEmpty()) {
            if (now.isAfter(r.deadline)) {
                return Answer.refuse(ErrorCode.AzureError, "the load balancer of the scoring endpoint got no "
                        + (internal ? "address in subnet " + created.loadBalancerSubnet() : "public IP") + " within "
                        + config.endpointTimeout().toSeconds() + " s");
            }
            return new Later(POLL);
        }
        Compute c = reserved.get();
        c.attached = false;
        c.clusterResourceId = created.clusterResourceId();
        c.location = created.location();
        c.kubernetesVersion = created.kubernetesVersion();
        c.agentCount = created.agentCount();
        c.agentVmSize = created.agentVmSize();
        c.clusterPurpose = created.clusterPurpose() == null ? null : created.clusterPurpose().name();
        c.loadBalancerType = created.loadBalancerType() == null ? LoadBalancerType.PublicIp.name()
                : created.loadBalancerType().name();
        c.loadBalancerSubnet = internal ? created.loadBalancerSubnet() : null;
        if (tls) {
            c.sslStatus = created.tls().status().name();
            c.certificateRef = created.tls().certificateRef();
            c.cname = created.tls().cname();
            c.fqdn = created.tls().fqdn() != null ? created.tls().fqdn() : created.tls().cname();
            c.leafDomainLabel = created.sslConfiguration() == null ? null : created.sslConfiguration().leafDomainLabel();
        } else {
            c.sslStatus = SslStatus.Disabled.name();
            c.fqdn = endpoint.get().hostname();
        }
        c.endpointIp = endpoint.get().ip();
        c.componentVersion = config.frontEndVersion();
        c.description = created.description() != null ? created.description() : c.description;
        c.provisioningState = Compute.SUCCEEDED;
        c.provisioningErrors = null;
        c.modifiedOn = now;
        return Answer.ok("compute " + r.computeName + " is ready at " + endpoint.get().ip(),
                ComputeRegistry.snapshot(c));
    }

    private Outcome recordScale(ParticipantRequest r, Instant now) {
        RecordScale scaled = payload(r, RecordScale.class);
        Optional<Compute> found = registry.find(r.workspace, r.computeName).filter(c -> !c.attached);
        if (found.isEmpty()) {
            return Answer.refuse(ErrorCode.ComputeNotFound, "there is no created compute " + r.computeName
                    + " in workspace " + r.workspace);
        }
        Compute c = found.get();
        c.agentCount = scaled.agentCount();
        if (scaled.agentVmSize() != null) {
            c.agentVmSize = scaled.agentVmSize();
        }
        c.modifiedOn = now;
        return Answer.ok("compute " + r.computeName + " has " + scaled.agentCount() + " nodes",
                ComputeRegistry.snapshot(c));
    }

    /**
     * The detach half of a delete: the front end goes and the compute shows Deleting; its name stays reserved
     * for the delete operation, which releases it (ReleaseName) once the cluster is gone.
     */
    private Outcome unregister(ParticipantRequest r, Instant now) {
        Optional<Compute> found = registry.find(r.workspace, r.computeName);
        if (found.isEmpty()) {
            return Answer.refuse(ErrorCode.ComputeNotFound, "there is no compute " + r.computeName + " in workspace "
                    + r.workspace);
        }
        Compute c = found.get();
        if (c.attached) {
            return Answer.refuse(ErrorCode.NotCreatedByAkscompute, "compute " + r.computeName + " was attached, not "
                    + "created by akscompute: DeleteCluster only deletes clusters akscompute created. Use "
                    + "DetachCluster to detach it; the AKS cluster " + c.clusterResourceId + " stays");
        }
        if (c.clusterResourceId != null) {
            try {
                frontEnd.remove(c.clusterResourceId);
            } catch (ManagementException e) {
                if (e.getResponse() == null || e.getResponse().getStatusCode() != 404) {
                    throw e;
                }
            }
        }
        c.operationId = r.operationId;
        c.provisioningState = Compute.DELETING;
        c.endpointIp = null;
        c.modifiedOn = now;
        return Answer.ok("compute " + r.computeName + " detached from its cluster; the name stays reserved until the"
                + " cluster is deleted", new CreatedUnregistered(c.clusterResourceId));
    }

    private static <T> T payload(ParticipantRequest r, Class<T> type) {
        if (r.payload == null) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(r.payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
