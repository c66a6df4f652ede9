package io.akscompute.emulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * The fabric8 CRUD Kubernetes API of one emulated cluster, plus what AKS's cloud controller and the
 * kubelets would do, applied as each object is stored: a LoadBalancer Service gets its ingress address (kept
 * while the Service is patched, a new one when it is created again) and a Deployment reports all its replicas
 * ready. As with a real API server, the answer to the create
 * or patch itself does not show that status yet; the next read (or a watch) does.
 */
final class CloudController extends KubernetesCrudDispatcher {

    static final String INTERNAL = "service.beta.kubernetes.io/azure-load-balancer-internal";
    static final String INTERNAL_SUBNET = "service.beta.kubernetes.io/azure-load-balancer-internal-subnet";
    static final String DNS_LABEL = "service.beta.kubernetes.io/azure-dns-label-name";

    /** Internal load balancer addresses come from this range, whatever the subnet is called. */
    static final String INTERNAL_RANGE_PREFIX = "10.240.";

    private final String clusterKey;
    private final String location;

    CloudController(String clusterKey, String location) {
        this.clusterKey = clusterKey;
        this.location = location;
    }

    /** Every create, update, patch and delete of the CRUD store passes through here. */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        if (newState != null) {
            HasMetadata stored = Serialization.unmarshal(newState);
            if (stored instanceof Service service) {
                assignLoadBalancer(service);
                newState = Serialization.asJson(service);
                resource = null; // let the store read its keys from newState
            } else if (stored instanceof Deployment deployment) {
                markReady(deployment);
                newState = Serialization.asJson(deployment);
                resource = null;
            }
        }
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    }

    private void assignLoadBalancer(Service service) {
        if (service.getStatus() == null) {
            service.setStatus(new ServiceStatus());
        }
        if (!"LoadBalancer".equals(service.getSpec() == null ? null : service.getSpec().getType())) {
            service.getStatus().setLoadBalancer(null);
            return;
        }
        Map<String, String> annotations = service.getMetadata().getAnnotations() == null
                ? Map.of() : service.getMetadata().getAnnotations();
        boolean internal = "true".equalsIgnoreCase(annotations.get(INTERNAL));
        String requestedIp = service.getSpec().getLoadBalancerIP();
        // The uid names this incarnation of the Service: a patch keeps its address, a Service deleted and created
        // again gets a new one, as from Azure's load balancer (a custom CNAME to the old address breaks).
        byte[] hash = hash(clusterKey + "/" + service.getMetadata().getNamespace() + "/"
                + service.getMetadata().getName() + "/" + service.getMetadata().getUid() + "/" + internal);
        String ip;
        if (requestedIp != null && !requestedIp.isBlank()) {
            ip = requestedIp;
        } else if (internal) {
            ip = INTERNAL_RANGE_PREFIX + octet(hash[0]) + "." + hostOctet(hash[1]);
        } else {
            ip = "20." + octet(hash[0]) + "." + octet(hash[1]) + "." + hostOctet(hash[2]);
        }
        LoadBalancerIngressBuilder ingress = new LoadBalancerIngressBuilder().withIp(ip).withIpMode("VIP");
        String label = annotations.get(DNS_LABEL);
        if (!internal && label != null && !label.isBlank()) {
            ingress.withHostname(label + "." + location + ".cloudapp.azure.com");
        }
        List<LoadBalancerIngress> ingresses = List.of(ingress.build());
        service.getStatus().setLoadBalancer(new LoadBalancerStatusBuilder().withIngress(ingresses).build());
    }

    private static void markReady(Deployment deployment) {
        int replicas = deployment.getSpec() == null || deployment.getSpec().getReplicas() == null
                ? 1 : deployment.getSpec().getReplicas();
        DeploymentStatus status = new DeploymentStatus();
        status.setObservedGeneration(deployment.getMetadata().getGeneration());
        status.setReplicas(replicas);
        status.setReadyReplicas(replicas);
        status.setAvailableReplicas(replicas);
        status.setUpdatedReplicas(replicas);
        status.setConditions(List.of(new DeploymentConditionBuilder()
                .withType("Available").withStatus("True").withReason("MinimumReplicasAvailable").build()));
        deployment.setStatus(status);
    }

    private static int octet(byte b) {
        return b & 0xff;
    }

    /** 1..254: never the network or broadcast address. */
    private static int hostOctet(byte b) {
        return (b & 0xff) % 254 + 1;
    }

    private static byte[] hash(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
