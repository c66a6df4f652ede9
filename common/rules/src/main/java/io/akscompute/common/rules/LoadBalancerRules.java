package io.akscompute.common.rules;

import static io.akscompute.common.rules.Violations.quote;

import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;

/** Public or internal scoring endpoint; an internal one lives in a subnet and cannot terminate TLS. */
final class LoadBalancerRules {
    private LoadBalancerRules() {
    }

    /** {@code type} may be null on UpdateCluster (load balancer unchanged). */
    static void check(LoadBalancerType type, String subnet, SslConfiguration ssl, Violations v) {
        boolean internal = type == LoadBalancerType.InternalLoadBalancer;
        if (subnet != null && !internal) {
            v.add("loadBalancerSubnet", "loadBalancerSubnet " + quote(subnet)
                    + " is only used with loadBalancerType InternalLoadBalancer; loadBalancerType is "
                    + (type == null ? "not given" : type.name()));
        }
        if (internal && subnet != null && subnet.isBlank()) {
            v.add("loadBalancerSubnet", "loadBalancerSubnet is empty; give the subnet of the cluster's virtual "
                    + "network the internal load balancer takes its private IP from (e.g. aks-subnet)");
        }
        if (internal && SslRules.tlsRequested(ssl)) {
            v.add("loadBalancerType", "TLS is not supported together with the internal load balancer; "
                    + "use loadBalancerType PublicIp or set sslConfiguration.status Disabled");
        }
    }
}
