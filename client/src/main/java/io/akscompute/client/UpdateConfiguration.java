package io.akscompute.client;

import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;

/** What {@code AksUpdateConfiguration} changes of an attached compute's endpoint: its load balancer and TLS. */
public final class UpdateConfiguration extends SslSettings<UpdateConfiguration> {
    private LoadBalancerType loadBalancerType;
    private String loadBalancerSubnet;

    UpdateConfiguration() {
    }

    @Override
    UpdateConfiguration self() {
        return this;
    }

    /** The how-to's switch to an internal load balancer: {@code loadBalancer(InternalLoadBalancer, "aks-subnet")}. */
    public UpdateConfiguration loadBalancer(LoadBalancerType type, String subnet) {
        this.loadBalancerType = type;
        this.loadBalancerSubnet = subnet;
        return this;
    }

    /** Turns TLS off. */
    public UpdateConfiguration disableSsl() {
        ssl = new SslConfiguration(SslStatus.Disabled, null, null, null, null, null);
        return this;
    }

    UpdateCluster command(String workspace, String computeName) {
        if (ssl == null && loadBalancerType == null && loadBalancerSubnet == null) {
            throw new IllegalArgumentException("nothing to update: set a load balancer or TLS");
        }
        return new UpdateCluster(workspace, computeName, ssl, loadBalancerType, loadBalancerSubnet);
    }
}
