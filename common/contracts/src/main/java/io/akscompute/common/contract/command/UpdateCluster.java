package io.akscompute.common.contract.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;

/** Azure ML's {@code AksUpdateConfiguration(ssl_configuration, load_balancer_type, load_balancer_subnet)}. */
public record UpdateCluster(
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        SslConfiguration sslConfiguration,
        LoadBalancerType loadBalancerType,
        String loadBalancerSubnet) implements Command {
}
