package io.akscompute.common.rules;

import static io.akscompute.common.rules.Violations.quote;

import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a node pool's VM size must meet in one location, against the sizes Azure offers there (the Resource
 * SKUs API, as version-catalog keeps them): the size exists, the subscription may use it, a system pool's nodes
 * are big enough, and a production cluster has its vCPUs. Plain functions of their arguments.
 */
public final class VmSizes {
    /** Azure ML refuses production clusters below this many vCPUs in total. */
    public static final int PRODUCTION_MIN_VCPUS = 12;
    /** AKS: the nodes of a system pool need at least 2 vCPUs and 4 GiB of memory. */
    public static final int SYSTEM_POOL_MIN_VCPUS = 2;
    public static final double SYSTEM_POOL_MIN_MEMORY_GIB = 4;
    /** Longer than any VM size name: what is compared of a misspelt one. */
    static final int LONGEST = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{1,63}");

    private VmSizes() {
    }

    /** A node pool as the rules see it: how many nodes of which size, and whether it is a system pool. */
    public record Pool(String name, int count, String vmSize, boolean system) {
    }

    /** Only the shape of the name: whether a size exists depends on the location (see {@link #checkNewNodes}). */
    static void checkName(String field, String name, Violations v) {
        if (name == null || !NAME.matcher(name).matches()) {
            v.add(field, field + " " + quote(String.valueOf(name)) + " is not a VM size name; give an Azure VM size"
                    + " such as Standard_D3_v2 (az vm list-sizes -l LOCATION lists them)");
        }
    }

    /** Case-insensitive, as Azure treats VM size names. */
    public static Optional<VmSize> find(List<VmSize> offered, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return offered.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The {@code count} available sizes nearest to a name (edit distance, ignoring case; the same vCPU count
     * first when the name is a restricted size). Each distance is computed on at most {@link #LONGEST}
     * characters of the input: the work is bounded whatever it is given.
     */
    public static List<String> closest(List<VmSize> offered, String name, int count) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        String bounded = lower.length() > LONGEST ? lower.substring(0, LONGEST) : lower;
        int vCpus = find(offered, name).map(VmSize::vCpus).orElse(-1);
        record Scored(VmSize size, int sameCpus, int distance) {
        }
        return offered.stream().filter(VmSize::available).filter(s -> !s.name().equalsIgnoreCase(bounded))
                .map(s -> new Scored(s, s.vCpus() == vCpus ? 0 : 1,
                        Levenshtein.distance(bounded, s.name().toLowerCase(Locale.ROOT))))
                .sorted(Comparator.comparingInt(Scored::sameCpus).thenComparingInt(Scored::distance)
                        .thenComparing(sc -> sc.size().name()))
                .limit(count).map(sc -> sc.size().name()).toList();
    }

    /**
     * Nodes of {@code name} about to be added in {@code location} (a create, a scale out): refused when the
     * location does not offer the size, when the subscription may not use it there, or when a system pool's
     * nodes would be below the AKS minimum.
     *
     * @return the size when it may be used, or the violations
     */
    public static Checked checkNewNodes(String field, String name, String location, List<VmSize> offered,
            boolean systemPool) {
        Violations v = new Violations();
        Optional<VmSize> size = find(offered, name);
        if (size.isEmpty()) {
            v.add(field, field + " " + quote(String.valueOf(name)) + " is not a VM size offered in " + location
                    + "; the closest sizes there are " + String.join(", ", closest(offered, name, 3)));
        } else if (!size.get().available()) {
            v.add(field, size.get().name() + " is not available to this subscription in " + location + " ("
                    + size.get().restriction() + "); sizes like it that are: "
                    + String.join(", ", closest(offered, name, 3)));
        } else if (systemPool && (size.get().vCpus() < SYSTEM_POOL_MIN_VCPUS
                || size.get().memoryGiB() < SYSTEM_POOL_MIN_MEMORY_GIB)) {
            v.add(field, size.get().name() + " (" + describe(size.get()) + ") is too small for a system node pool: "
                    + "AKS needs at least " + SYSTEM_POOL_MIN_VCPUS + " vCPUs and "
                    + (int) SYSTEM_POOL_MIN_MEMORY_GIB + " GiB per node; for example "
                    + String.join(", ", offered.stream().filter(VmSize::available)
                            .filter(s -> s.vCpus() >= SYSTEM_POOL_MIN_VCPUS
                                    && s.memoryGiB() >= SYSTEM_POOL_MIN_MEMORY_GIB)
                            .map(VmSize::name).filter(n -> !n.equalsIgnoreCase(name))
                            .sorted(Comparator.comparingInt((String n) -> Levenshtein.distance(
                                    n.toLowerCase(Locale.ROOT), String.valueOf(name).toLowerCase(Locale.ROOT)))
                                    .thenComparing(Comparator.naturalOrder()))
                            .limit(3).toList()));
        }
        return new Checked(v.list().isEmpty() ? size : Optional.empty(), v.list());
    }

    /** The outcome of {@link #checkNewNodes}. */
    public record Checked(Optional<VmSize> size, List<Detail> violations) {
    }

    /**
     * Azure ML's production minimum over every node pool, each with its own size: 3 nodes and 12 vCPUs. Sizes
     * the location does not list count 0 vCPUs and are named in the message.
     *
     * @return the violation, or empty when the pools meet it (or the purpose is not production)
     */
    public static Optional<Detail> checkProduction(String field, ClusterPurpose purpose, List<Pool> pools,
            List<VmSize> offered) {
        if (!purpose.isProduction()) {
            return Optional.empty();
        }
        int nodes = 0;
        int vCpus = 0;
        StringBuilder parts = new StringBuilder();
        for (Pool pool : pools) {
            Optional<VmSize> size = find(offered, pool.vmSize());
            nodes += pool.count();
            vCpus += pool.count() * size.map(VmSize::vCpus).orElse(0);
            if (!parts.isEmpty()) {
                parts.append(" + ");
            }
            parts.append(pool.count()).append(" x ").append(pool.vmSize()).append(" (")
                    .append(size.map(s -> s.vCpus() + " vCPUs each").orElse("size not offered here, counted as 0"))
                    .append(')');
        }
        if (nodes >= purpose.minimumAgentCount() && vCpus >= PRODUCTION_MIN_VCPUS) {
            return Optional.empty();
        }
        return Optional.of(new Detail(field, "a production cluster (clusterPurpose " + purpose + ") needs at least "
                + purpose.minimumAgentCount() + " nodes and " + PRODUCTION_MIN_VCPUS + " vCPUs in total, but "
                + parts + " gives " + nodes + " nodes and " + vCpus + " vCPUs; choose a larger VM size (e.g. "
                + "Standard_D3_v2 with 4 vCPUs), more nodes, or clusterPurpose DevTest"));
    }

    /** {@code 4 vCPUs, 14 GiB} */
    public static String describe(VmSize size) {
        double gib = size.memoryGiB();
        String memory = gib == Math.rint(gib) ? String.valueOf((long) gib) : String.valueOf(gib);
        return size.vCpus() + " vCPUs, " + memory + " GiB";
    }
}
