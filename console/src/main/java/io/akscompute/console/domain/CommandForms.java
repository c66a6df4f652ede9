package io.akscompute.console.domain;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.ScaleCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.rules.Preflight;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The console's forms as commands: a form's fields are named by the JSON path of the command field they fill
 * ({@code agentCount}, {@code aksNetworkingConfiguration.vnetName}), so that each preflight message lands beside
 * its field. What cannot be read at all (a count that is not a number) is reported the same way, together with
 * every preflight violation of the rest: one round trip shows everything that is wrong.
 */
public final class CommandForms {
    /** A form field holds at most this much; a browser is a stranger's input too. */
    public static final int MAX_FIELD = 2_000;
    public static final int MAX_TAGS = 50;

    private CommandForms() {
    }

    /** The command, and every problem with it (empty: it may be sent). */
    public record Checked<C extends Command>(C command, List<Detail> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /**
         * The problems by field, for the form. A problem of a group of fields ({@code aksNetworkingConfiguration})
         * goes under the group's name, shown at its fieldset; one of no field of the form under "".
         */
        public Map<String, List<String>> byField(List<String> formFields) {
            Map<String, List<String>> by = new LinkedHashMap<>();
            for (Detail d : problems) {
                String f = d.field() == null ? "" : d.field();
                boolean group = !f.isEmpty() && formFields.stream().anyMatch(ff -> ff.startsWith(f + "."));
                String field = formFields.contains(f) || group ? f : "";
                by.computeIfAbsent(field, k -> new ArrayList<>()).add(d.message());
            }
            return by;
        }
    }

    public static final List<String> NETWORK_FIELDS = Stream.of("vnetResourceGroupName", "vnetName", "subnetName",
            "serviceCidr", "dnsServiceIP", "dockerBridgeCidr").map(f -> "aksNetworkingConfiguration." + f).toList();

    public static final List<String> SSL_FIELDS = List.of("sslConfiguration.status",
            "sslConfiguration.leafDomainLabel", "sslConfiguration.overwriteExistingDomain",
            "sslConfiguration.certificateRef", "sslConfiguration.cname");

    public static final List<String> CREATE_FIELDS = concat(List.of("computeName", "location", "resourceGroup",
            "agentCount", "agentVmSize", "clusterPurpose"), NETWORK_FIELDS, List.of("loadBalancerType",
            "loadBalancerSubnet"), SSL_FIELDS, List.of("description", "tags"));

    public static final List<String> ATTACH_FIELDS = concat(List.of("computeName", "resourceId", "resourceGroup",
            "clusterName", "clusterPurpose", "loadBalancerType", "loadBalancerSubnet"), SSL_FIELDS,
            List.of("description"));

    public static final List<String> UPDATE_FIELDS = concat(List.of("loadBalancerType", "loadBalancerSubnet"),
            SSL_FIELDS);

    public static final List<String> SCALE_FIELDS = List.of("agentCount");

    public static Checked<CreateCluster> create(String workspace, Map<String, String> form) {
        Reader r = new Reader(form);
        AksNetworkingConfiguration network = null;
        if (NETWORK_FIELDS.stream().anyMatch(f -> r.text(f) != null)) {
            // All or none, as provisioning_configuration takes them: the rules say which are missing.
            network = new AksNetworkingConfiguration(r.text(NETWORK_FIELDS.get(0)), r.text(NETWORK_FIELDS.get(1)),
                    r.text(NETWORK_FIELDS.get(2)), r.text(NETWORK_FIELDS.get(3)), r.text(NETWORK_FIELDS.get(4)),
                    r.text(NETWORK_FIELDS.get(5)));
        }
        CreateCluster command = new CreateCluster(workspace, r.text("computeName"), r.text("location"),
                r.text("resourceGroup"), r.integer("agentCount"), r.text("agentVmSize"),
                r.choice("clusterPurpose", ClusterPurpose::valueOf, ClusterPurpose.values()), network,
                r.choice("loadBalancerType", LoadBalancerType::valueOf, LoadBalancerType.values()),
                r.text("loadBalancerSubnet"), r.ssl(), r.text("description"), r.tags("tags"));
        return r.checked(command);
    }

    public static Checked<AttachCluster> attach(String workspace, Map<String, String> form) {
        Reader r = new Reader(form);
        AttachCluster command = new AttachCluster(workspace, r.text("computeName"), r.text("resourceId"),
                r.text("resourceGroup"), r.text("clusterName"),
                r.choice("clusterPurpose", ClusterPurpose::valueOf, ClusterPurpose.values()),
                r.choice("loadBalancerType", LoadBalancerType::valueOf, LoadBalancerType.values()),
                r.text("loadBalancerSubnet"), r.ssl(), r.text("description"));
        return r.checked(command);
    }

    public static Checked<UpdateCluster> update(String workspace, String computeName, Map<String, String> form) {
        Reader r = new Reader(form);
        UpdateCluster command = new UpdateCluster(workspace, computeName, r.ssl(),
                r.choice("loadBalancerType", LoadBalancerType::valueOf, LoadBalancerType.values()),
                r.text("loadBalancerSubnet"));
        return r.checked(command);
    }

    /** The node count only, as the how-to scales in the studio. */
    public static Checked<ScaleCluster> scale(String workspace, String computeName, Map<String, String> form) {
        Reader r = new Reader(form);
        return r.checked(new ScaleCluster(workspace, computeName, r.integer("agentCount"), null));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    /** Reads fields, noting what cannot be read. */
    private static final class Reader {
        private final Map<String, String> form;
        private final List<Detail> problems = new ArrayList<>();

        Reader(Map<String, String> form) {
            this.form = form;
        }

        String text(String field) {
            String value = form.get(field);
            if (value == null || value.isBlank()) {
                return null;
            }
            if (value.length() > MAX_FIELD) {
                problems.add(new Detail(field, field + " is " + value.length() + " characters long; at most "
                        + MAX_FIELD + " are read"));
                return null;
            }
            return value.strip();
        }

        Integer integer(String field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                return Integer.valueOf(value);
            } catch (NumberFormatException e) {
                problems.add(new Detail(field, field + " is \"" + value + "\"; give a whole number"));
                return null;
            }
        }

        <E extends Enum<E>> E choice(String field, Function<String, E> parse, E[] values) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                problems.add(new Detail(field, field + " is \"" + value + "\"; it must be one of "
                        + Stream.of(values).map(Enum::name).toList()));
                return null;
            }
        }

        boolean flag(String field) {
            String value = text(field);
            return value != null && (value.equals("on") || value.equals("true"));
        }

        /** None, a certificate issued for a leaf domain label (Auto), or the user's own (Enabled), or off. */
        SslConfiguration ssl() {
            SslStatus status = choice("sslConfiguration.status", SslStatus::valueOf, SslStatus.values());
            if (status == null) {
                return null;
            }
            return switch (status) {
                case Disabled -> new SslConfiguration(SslStatus.Disabled, null, null, null, null, null);
                case Auto -> new SslConfiguration(SslStatus.Auto, null, null, text("sslConfiguration.leafDomainLabel"),
                        flag("sslConfiguration.overwriteExistingDomain") ? Boolean.TRUE : null, null);
                case Enabled -> new SslConfiguration(SslStatus.Enabled, text("sslConfiguration.certificateRef"),
                        text("sslConfiguration.cname"), null, null, null);
            };
        }

        /** One {@code key=value} per line. */
        Map<String, String> tags(String field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            Map<String, String> tags = new LinkedHashMap<>();
            for (String line : value.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    problems.add(new Detail(field, "tag \"" + line.strip() + "\" is not key=value"));
                } else if (tags.size() == MAX_TAGS) {
                    problems.add(new Detail(field, "at most " + MAX_TAGS + " tags"));
                    break;
                } else {
                    tags.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            return tags;
        }

        <C extends Command> Checked<C> checked(C command) {
            List<Detail> all = new ArrayList<>(problems);
            for (Detail d : Preflight.check(command)) {
                // A field that could not be read is reported once, by what was wrong with it.
                if (problems.stream().noneMatch(p -> p.field().equals(d.field()))) {
                    all.add(d);
                }
            }
            return new Checked<>(command, List.copyOf(all));
        }
    }
}
