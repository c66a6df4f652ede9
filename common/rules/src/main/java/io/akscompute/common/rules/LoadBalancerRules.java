package io.akscompute.common.rules;

import static io.akscompute.common.rules.Violations.quote;

import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;

/** Public or internal scoring endpoint; an internal one lives in a subnet and cannot terminate TLS. */
public final class LoadBalancerRules {
    /** Azure ML's rule, said the same way wherever it is checked (preflight, update, tls-manager). */
    public static final String TLS_WITH_INTERNAL = "TLS is not supported together with the internal load balancer";

    private LoadBalancerRules() {
    }

    /** An internal load balancer cannot terminate TLS. */
    public static boolean tlsConflict(LoadBalancerType type, boolean tlsWanted) {
        return type == LoadBalancerType.InternalLoadBalancer && tlsWanted;
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
        if (tlsConflict(type, SslRules.tlsRequested(ssl))) {
            v.add("loadBalancerType", TLS_WITH_INTERNAL + "; use loadBalancerType PublicIp or set "
                    + "sslConfiguration.status Disabled");
        }
    }
}
