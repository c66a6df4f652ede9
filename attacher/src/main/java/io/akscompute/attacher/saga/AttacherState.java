package io.akscompute.attacher.saga;

import io.akscompute.attacher.domain.ClusterFacts;
import io.akscompute.attacher.service.FrontEndRollout;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.saga.TlsConfigured;
import io.akscompute.common.saga.TlsSteps;
import io.akscompute.common.contract.event.DriftDifference;
import java.util.List;

/** The state of an attacher saga, stored as JSON with it: what was asked, and what each step found or did. */
public class AttacherState extends TlsSteps.State {
    // what the command asked for (for update: the compute as it should become)
    public String resourceGroup;
    public String clusterName;
    public ClusterPurpose purpose;
    public String loadBalancerSubnet;
    public String description;
    /** Update: the command changes TLS (else TLS stays as it is). */
    public boolean tlsChanged;

    // what the steps found and did
    public ClusterFacts cluster;
    /** TLS as the compute had it before this operation (detach, update, reattach). */
    public SslConfiguration previousSsl;
    public FrontEndRollout.Progress frontEnd = new FrontEndRollout.Progress();

    // repair: the drift recorded before, what Azure changed and is taken as the record, what still differs after
    public List<DriftDifference> driftBefore = List.of();
    public List<DriftDifference> accepted = List.of();
    public List<DriftDifference> driftAfter = List.of();

    boolean internal() {
        return loadBalancerType == LoadBalancerType.InternalLoadBalancer;
    }

    boolean hadTls() {
        return previousSsl != null && previousSsl.enabled();
    }
}
