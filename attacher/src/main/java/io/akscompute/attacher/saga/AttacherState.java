package io.akscompute.attacher.saga;

import io.akscompute.attacher.azure.FrontEnd;
import io.akscompute.attacher.domain.ClusterFacts;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.saga.TlsConfigured;
import java.time.Instant;

/** The state of an attacher saga, stored as JSON with it: what was asked, and what each step found or did. */
public class AttacherState {
    // what the command asked for (for update: the compute as it should become)
    public String resourceGroup;
    public String clusterName;
    public ClusterPurpose purpose;
    public LoadBalancerType loadBalancerType;
    public String loadBalancerSubnet;
    public SslConfiguration ssl;
    public String description;
    /** Update: the command changes TLS (else TLS stays as it is). */
    public boolean tlsChanged;

    // what the steps found and did
    public String clusterResourceId;
    public ClusterFacts cluster;
    /** TLS as the compute had it before this operation (detach, update, reattach). */
    public SslConfiguration previousSsl;
    public TlsConfigured tls;
    public Instant endpointDeadline;
    public FrontEnd.Endpoint endpoint;

    boolean tlsWanted() {
        return ssl != null && ssl.enabled();
    }

    boolean internal() {
        return loadBalancerType == LoadBalancerType.InternalLoadBalancer;
    }

    boolean hadTls() {
        return previousSsl != null && previousSsl.enabled();
    }
}
