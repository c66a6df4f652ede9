package io.akscompute.common.rules;

import static io.akscompute.common.rules.Violations.isBlank;
import static io.akscompute.common.rules.Violations.quote;

import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The custom virtual network of a new cluster (Azure CNI): six fields, all or none. */
final class NetworkingRules {
    static final String PREFIX = "aksNetworkingConfiguration";

    private NetworkingRules() {
    }

    static void check(AksNetworkingConfiguration n, Violations v) {
        if (n == null) {
            return;
        }
        // JSON names, as users write them (dnsServiceIP).
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("vnetResourceGroupName", n.vnetResourceGroupName());
        fields.put("vnetName", n.vnetName());
        fields.put("subnetName", n.subnetName());
        fields.put("serviceCidr", n.serviceCidr());
        fields.put("dnsServiceIP", n.dnsServiceIp());
        fields.put("dockerBridgeCidr", n.dockerBridgeCidr());
        List<String> missing = new ArrayList<>();
        fields.forEach((name, value) -> {
            if (isBlank(value)) {
                missing.add(name);
            }
        });
        if (missing.size() == fields.size()) {
            return; // an empty object is the same as none: the default network
        }
        if (!missing.isEmpty()) {
            v.add(PREFIX, "aksNetworkingConfiguration needs all six fields or none; missing: "
                    + String.join(", ", missing));
        }

        Cidr service = cidr("serviceCidr", n.serviceCidr(), v);
        Cidr bridge = cidr("dockerBridgeCidr", n.dockerBridgeCidr(), v);
        Integer dns = address("dnsServiceIP", n.dnsServiceIp(), v);
        if (service != null && dns != null) {
            checkDnsServiceIp(dns, service, v);
        }
        if (service != null && bridge != null && service.overlaps(bridge)) {
            v.add(PREFIX + ".dockerBridgeCidr", "dockerBridgeCidr " + bridge + " overlaps serviceCidr " + service
                    + "; the Docker bridge and the Kubernetes services need address ranges that do not overlap"
                    + " (e.g. 172.17.0.1/16 and 10.0.0.0/16)");
        }
    }

    private static void checkDnsServiceIp(int dns, Cidr service, Violations v) {
        String field = PREFIX + ".dnsServiceIP";
        String ip = Cidr.format(dns);
        if (!service.contains(dns)) {
            v.add(field, "dnsServiceIP " + ip + " is outside serviceCidr " + service
                    + "; it must be an address inside serviceCidr" + example(service));
        } else if (dns == service.networkAddress()) {
            v.add(field, "dnsServiceIP " + ip + " is the network address of serviceCidr " + service
                    + ", which no service can use; pick another address inside serviceCidr" + example(service));
        } else if (dns == service.firstAddress()) {
            v.add(field, "dnsServiceIP " + ip + " is the first address of serviceCidr " + service
                    + ", which Kubernetes gives its API server; pick another address inside serviceCidr"
                    + example(service));
        }
    }

    /** The usual choice: the tenth address of the range, when the range is that big. */
    private static String example(Cidr service) {
        return service.size() > 11 ? " (e.g. " + Cidr.format(service.networkAddress() + 10) + ")" : "";
    }

    private static Cidr cidr(String name, String value, Violations v) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return Cidr.parse(value);
        } catch (IllegalArgumentException e) {
            v.add(PREFIX + "." + name, name + " " + quote(value) + " is not a valid IPv4 CIDR block: "
                    + e.getMessage() + "; write it like 10.0.0.0/16");
            return null;
        }
    }

    private static Integer address(String name, String value, Violations v) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return Cidr.parseAddress(value);
        } catch (IllegalArgumentException e) {
            v.add(PREFIX + "." + name, name + " " + quote(value) + " is not a valid IPv4 address: "
                    + e.getMessage() + "; write it like 10.0.0.10");
            return null;
        }
    }
}
