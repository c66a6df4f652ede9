package io.akscompute.attacher.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.attacher.domain.CertificateFingerprint;
import io.akscompute.attacher.domain.ComputeDrift;
import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.azure.ClusterClients;
import io.akscompute.common.azure.KubernetesClients;
import io.akscompute.common.contract.InClusterNames;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scoring front end inside a cluster: a Deployment and a LoadBalancer Service in namespace
 * {@code azureml}, reached through the cluster's admin kubeconfig (one kept client per cluster). Every call is
 * safe to repeat.
 */
@ApplicationScoped
public class FrontEnd {
    static final String INTERNAL = "service.beta.kubernetes.io/azure-load-balancer-internal";
    static final String INTERNAL_SUBNET = "service.beta.kubernetes.io/azure-load-balancer-internal-subnet";
    static final String DNS_LABEL = "service.beta.kubernetes.io/azure-dns-label-name";
    static final String VERSION = "akscompute.io/component-version";

    /** Where the TLS secret is mounted in the front end's pods. */
    static final String TLS_MOUNT = "/etc/azureml-fe/tls";

    /**
     * The front end to run: its image reference, replicas, and the Service public or internal (in a subnet), with
     * a DNS label for auto TLS; with TLS the pods mount the {@code azuremlfessl} secret.
     */
    public record Spec(String componentVersion, String image, int replicas, boolean internal, String subnet,
            String dnsLabel, boolean tls) {
    }

    /** {@code image:version}, or {@code image@digest} when a digest pins it. */
    public static String imageReference(String image, String version, Optional<String> digest) {
        return digest.filter(d -> !d.isBlank()).map(d -> image + "@" + d).orElse(image + ":" + version);
    }

    /** The load balancer's address, once Azure assigned one. */
    public record Endpoint(String ip, String hostname) {
    }

    @Inject
    ClusterClients clusters;

    /**
     * Puts the front end into the cluster, or brings the one there up to the spec in place. {@code installedBefore}
     * guesses which, so that each object costs one request when the guess is right: the Deployment and the Service
     * are merge-patched first when the attacher installed them before, created first otherwise (most installs are
     * into a new cluster); a wrong guess costs one request more, never a wrong result.
     */
    public void install(String clusterResourceId, Spec spec, boolean installedBefore) {
        clusters.run(clusterResourceId, k8s -> {
            try {
                apply(k8s, spec, installedBefore);
            } catch (RuntimeException e) {
                if (!installedBefore || !AzureFailures.isNotFound(e)) {
                    throw e;
                }
                apply(k8s, spec, false); // the namespace is gone too: it is created first this time
            }
        });
    }

    private static void apply(KubernetesClient k8s, Spec spec, boolean installedBefore) {
        if (!installedBefore) {
            // The namespace holds nothing of ours to update; where the Deployment is, it is.
            Namespace ns = new NamespaceBuilder().withNewMetadata().withName(InClusterNames.NAMESPACE).endMetadata()
                    .build();
            KubernetesClients.createUnlessPresent(() -> k8s.namespaces().resource(ns).create());
        }
        Deployment deployment = deployment(spec);
        ObjectNode deploymentPatch = KubernetesClients.mergePatchOf(deployment);
        if (!spec.tls()) {
            deploymentPatch.withObject("/spec/template/spec").putNull("volumes");
        }
        KubernetesClients.createOrPatch(k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE)
                .resource(deployment), deploymentPatch, installedBefore);
        // Changed in place, never deleted and created again: on Azure a new Service gets a new address, and a
        // user's CNAME to the old one would break. (Switching public/internal moves it, as on Azure.)
        Service service = service(spec);
        ObjectNode servicePatch = KubernetesClients.mergePatchOf(service);
        ObjectNode annotations = servicePatch.withObject("/metadata/annotations");
        for (String ours : List.of(INTERNAL, INTERNAL_SUBNET, DNS_LABEL)) {
            if (!annotations.has(ours)) {
                annotations.putNull(ours);
            }
        }
        KubernetesClients.createOrPatch(k8s.services().inNamespace(InClusterNames.NAMESPACE).resource(service),
                servicePatch, installedBefore);
    }

    /**
     * What a rollout waits for, read with one client (one credentials fetch): whether the Deployment has every
     * replica of its current generation ready (as kubectl rollout status says), and the load balancer's address
     * once it has one of the wanted kind.
     */
    public record Observed(boolean ready, Optional<Endpoint> endpoint, String tlsFingerprint) {
    }

    /** The same; the TLS secret is read only for a front end that serves TLS ({@code tls}), else null. */
    public Observed observe(String clusterResourceId, boolean internal, boolean tls) {
        return clusters.call(clusterResourceId, k8s -> {
            Deployment d = k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE)
                    .withName(InClusterNames.FRONT_END).get();
            Service s = k8s.services().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END).get();
            return new Observed(ready(d), endpoint(s, internal), tls ? fingerprint(secret(k8s)) : null);
        });
    }

    /** The front end and the TLS secret as they are in the cluster, for the drift check (one credentials fetch). */
    public ComputeDrift.FrontEndState state(String clusterResourceId) {
        return clusters.call(clusterResourceId, k8s -> {
            Deployment d = k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE)
                    .withName(InClusterNames.FRONT_END).get();
            Service s = k8s.services().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END).get();
            Secret secret = secret(k8s);
            Map<String, String> annotations = s == null || s.getMetadata().getAnnotations() == null ? Map.of()
                    : s.getMetadata().getAnnotations();
            return new ComputeDrift.FrontEndState(d != null,
                    d == null || d.getMetadata().getAnnotations() == null ? null
                            : d.getMetadata().getAnnotations().get(VERSION),
                    s != null, s == null || s.getSpec() == null ? null : s.getSpec().getType(),
                    "true".equalsIgnoreCase(annotations.get(INTERNAL)), annotations.get(INTERNAL_SUBNET),
                    secret != null, fingerprint(secret));
        });
    }

    private static Secret secret(KubernetesClient k8s) {
        return k8s.secrets().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.TLS_SECRET).get();
    }

    /** The certificate's fingerprint in the secret tls-manager writes ({@code cert.pem}); null without one. */
    private static String fingerprint(Secret secret) {
        if (secret == null || secret.getData() == null || secret.getData().get(InClusterNames.TLS_CERT_KEY) == null) {
            return null;
        }
        String pem;
        try {
            pem = new String(Base64.getDecoder().decode(secret.getData().get(InClusterNames.TLS_CERT_KEY)), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return CertificateFingerprint.of(pem).orElse(null);
    }

    private static boolean ready(Deployment d) {
        if (d == null || d.getStatus() == null) {
            return false;
        }
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        Long generation = d.getMetadata().getGeneration();
        Long observed = d.getStatus().getObservedGeneration();
        Integer ready = d.getStatus().getReadyReplicas();
        return (generation == null || (observed != null && observed >= generation)) && ready != null
                && ready >= wanted;
    }

    private static Optional<Endpoint> endpoint(Service s, boolean internal) {
        if (s == null || s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                || s.getStatus().getLoadBalancer().getIngress() == null
                || s.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            return Optional.empty();
        }
        var ingress = s.getStatus().getLoadBalancer().getIngress().get(0);
        if (ingress.getIp() == null || isPrivate(ingress.getIp()) != internal) {
            return Optional.empty();
        }
        return Optional.of(new Endpoint(ingress.getIp(), ingress.getHostname()));
    }

    /** Removes the front end and its namespace's TLS secret stays tls-manager's business; absent is fine. */
    public void remove(String clusterResourceId) {
        clusters.run(clusterResourceId, k8s -> {
            k8s.services().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END).delete();
            k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END).delete();
        });
    }

    /** What of the attacher's is in a cluster: the front end (Deployment or Service) and the TLS secret. */
    public record Presence(boolean frontEnd, boolean tlsSecret) {
    }

    public Presence presence(String clusterResourceId) {
        return clusters.call(clusterResourceId, k8s -> {
            boolean frontEnd = k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE)
                    .withName(InClusterNames.FRONT_END).get() != null
                    || k8s.services().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END)
                            .get() != null;
            boolean secret = k8s.secrets().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.TLS_SECRET)
                    .get() != null;
            return new Presence(frontEnd, secret);
        });
    }

    /** Deletes the TLS secret (only for a cluster no compute uses any more); absent is fine. */
    public void removeTlsSecret(String clusterResourceId) {
        clusters.run(clusterResourceId, k8s -> k8s.secrets().inNamespace(InClusterNames.NAMESPACE)
                .withName(InClusterNames.TLS_SECRET).delete());
    }

    private static Deployment deployment(Spec spec) {
        Map<String, String> labels = Map.of("app", InClusterNames.FRONT_END);
        return new DeploymentBuilder()
                .withNewMetadata().withName(InClusterNames.FRONT_END).withNamespace(InClusterNames.NAMESPACE)
                .withLabels(labels).addToAnnotations(VERSION, spec.componentVersion()).endMetadata()
                .withNewSpec().withReplicas(spec.replicas()).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("front-end").withImage(spec.image())
                .addNewPort().withContainerPort(5001).endPort()
                .withNewReadinessProbe().withNewTcpSocket().withNewPort(5001).endTcpSocket()
                .withPeriodSeconds(5).endReadinessProbe()
                .withVolumeMounts(spec.tls() ? List.of(new VolumeMountBuilder().withName("tls")
                        .withMountPath(TLS_MOUNT).withReadOnly(true).build()) : List.of())
                .endContainer()
                .withVolumes(spec.tls() ? List.of(new VolumeBuilder().withName("tls").withNewSecret()
                        .withSecretName(InClusterNames.TLS_SECRET).endSecret().build()) : List.of())
                .endSpec().endTemplate().endSpec().build();
    }

    private static Service service(Spec spec) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(VERSION, spec.componentVersion());
        if (spec.internal()) {
            annotations.put(INTERNAL, "true");
            annotations.put(INTERNAL_SUBNET, spec.subnet());
        }
        if (spec.dnsLabel() != null) {
            annotations.put(DNS_LABEL, spec.dnsLabel());
        }
        return new ServiceBuilder()
                .withNewMetadata().withName(InClusterNames.FRONT_END).withNamespace(InClusterNames.NAMESPACE)
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withType("LoadBalancer").addToSelector("app", InClusterNames.FRONT_END)
                .addNewPort().withName(spec.tls() ? "https" : "http").withPort(spec.tls() ? 443 : 80)
                .withNewTargetPort(5001).endPort()
                .endSpec().build();
    }

    static boolean isPrivate(String ip) {
        return ip.startsWith("10.") || ip.startsWith("192.168.")
                || ip.matches("172\\.(1[6-9]|2[0-9]|3[01])\\..*");
    }
}
