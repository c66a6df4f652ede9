package io.akscompute.common.contract.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The six networking fields of Azure ML's provisioning configuration: all or none. */
public record AksNetworkingConfiguration(
        String vnetResourceGroupName,
        String vnetName,
        String subnetName,
        String serviceCidr,
        @JsonProperty("dnsServiceIP") String dnsServiceIp,
        String dockerBridgeCidr) {
}
