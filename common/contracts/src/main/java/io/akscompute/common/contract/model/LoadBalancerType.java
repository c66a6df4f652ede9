package io.akscompute.common.contract.model;

public enum LoadBalancerType {
    PublicIp, InternalLoadBalancer
}
