package io.akscompute.common.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Azure VM sizes akscompute accepts for agent nodes, with their vCPU counts (production clusters
 * need 12 vCPUs in total). A size that is not here is refused before anything is created.
 */
public final class VmSizes {
    /** Longer than any VM size name: what is compared of a misspelt one. */
    static final int LONGEST = 64;
    private static final List<VmSize> DECLARED = new ArrayList<>();
    private static final Map<String, VmSize> BY_LOWER_NAME;

    static {
        // General purpose
        cpu("Standard_D1_v2", 1);
        cpu("Standard_D2_v2", 2);
        cpu("Standard_D3_v2", 4);
        cpu("Standard_D4_v2", 8);
        cpu("Standard_D5_v2", 16);
        cpu("Standard_D11_v2", 2);
        cpu("Standard_D12_v2", 4);
        cpu("Standard_D13_v2", 8);
        cpu("Standard_D14_v2", 16);
        cpu("Standard_DS1_v2", 1);
        cpu("Standard_DS2_v2", 2);
        cpu("Standard_DS3_v2", 4);
        cpu("Standard_DS4_v2", 8);
        cpu("Standard_DS5_v2", 16);
        cpu("Standard_DS11_v2", 2);
        cpu("Standard_DS12_v2", 4);
        cpu("Standard_DS13_v2", 8);
        cpu("Standard_DS14_v2", 16);
        cpu("Standard_D2s_v3", 2);
        cpu("Standard_D4s_v3", 4);
        cpu("Standard_D8s_v3", 8);
        cpu("Standard_D16s_v3", 16);
        cpu("Standard_D32s_v3", 32);
        cpu("Standard_D48s_v3", 48);
        cpu("Standard_D64s_v3", 64);
        cpu("Standard_D2_v3", 2);
        cpu("Standard_D4_v3", 4);
        cpu("Standard_D8_v3", 8);
        cpu("Standard_D16_v3", 16);
        cpu("Standard_D32_v3", 32);
        cpu("Standard_D48_v3", 48);
        cpu("Standard_D64_v3", 64);
        cpu("Standard_D2as_v4", 2);
        cpu("Standard_D4as_v4", 4);
        cpu("Standard_D8as_v4", 8);
        cpu("Standard_D16as_v4", 16);
        cpu("Standard_D32as_v4", 32);
        cpu("Standard_D48as_v4", 48);
        cpu("Standard_D64as_v4", 64);
        cpu("Standard_D96as_v4", 96);
        cpu("Standard_A1_v2", 1);
        cpu("Standard_A2_v2", 2);
        cpu("Standard_A4_v2", 4);
        cpu("Standard_A8_v2", 8);
        cpu("Standard_A2m_v2", 2);
        cpu("Standard_A4m_v2", 4);
        cpu("Standard_A8m_v2", 8);
        cpu("Standard_B2s", 2);
        cpu("Standard_B2ms", 2);
        cpu("Standard_B4ms", 4);
        cpu("Standard_B8ms", 8);
        cpu("Standard_B12ms", 12);
        cpu("Standard_B16ms", 16);
        cpu("Standard_B20ms", 20);
        // Compute optimised
        cpu("Standard_F2s_v2", 2);
        cpu("Standard_F4s_v2", 4);
        cpu("Standard_F8s_v2", 8);
        cpu("Standard_F16s_v2", 16);
        cpu("Standard_F32s_v2", 32);
        cpu("Standard_F48s_v2", 48);
        cpu("Standard_F64s_v2", 64);
        cpu("Standard_F72s_v2", 72);
        // Memory optimised
        cpu("Standard_E2s_v3", 2);
        cpu("Standard_E4s_v3", 4);
        cpu("Standard_E8s_v3", 8);
        cpu("Standard_E16s_v3", 16);
        cpu("Standard_E20s_v3", 20);
        cpu("Standard_E32s_v3", 32);
        cpu("Standard_E48s_v3", 48);
        cpu("Standard_E64s_v3", 64);
        // GPU
        gpu("Standard_NC6", 6);
        gpu("Standard_NC12", 12);
        gpu("Standard_NC24", 24);
        gpu("Standard_NC6s_v3", 6);
        gpu("Standard_NC12s_v3", 12);
        gpu("Standard_NC24s_v3", 24);
        gpu("Standard_NC4as_T4_v3", 4);
        gpu("Standard_NC8as_T4_v3", 8);
        gpu("Standard_NC16as_T4_v3", 16);
        gpu("Standard_NC64as_T4_v3", 64);
        gpu("Standard_NV6", 6);
        gpu("Standard_NV12", 12);
        gpu("Standard_NV24", 24);
        gpu("Standard_ND6s", 6);
        gpu("Standard_ND12s", 12);
        gpu("Standard_ND24s", 24);
        gpu("Standard_ND40rs_v2", 40);
        // FPGA
        add(new VmSize("Standard_PB6s", 6, false, true));
    }

    private VmSizes() {
    }

    private static void cpu(String name, int vCpus) {
        add(new VmSize(name, vCpus, false, false));
    }

    private static void gpu(String name, int vCpus) {
        add(new VmSize(name, vCpus, true, false));
    }

    private static void add(VmSize size) {
        DECLARED.add(size);
    }

    static {
        BY_LOWER_NAME = index(DECLARED);
    }

    /** The sizes by lower-cased name; a name declared twice (in any case) is a defect of the table, refused. */
    static Map<String, VmSize> index(List<VmSize> declared) {
        Map<String, VmSize> byLowerName = new LinkedHashMap<>();
        for (VmSize size : declared) {
            if (byLowerName.putIfAbsent(size.name().toLowerCase(Locale.ROOT), size) != null) {
                throw new IllegalStateException("VM size " + size.name() + " is declared twice");
            }
        }
        return byLowerName;
    }

    /** Case-insensitive, as Azure treats VM size names. */
    public static Optional<VmSize> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    public static Collection<VmSize> all() {
        return List.copyOf(BY_LOWER_NAME.values());
    }

    /**
     * The {@code count} known names nearest to a misspelt one (edit distance, ignoring case). Each distance is
     * computed once, on at most {@link #LONGEST} characters of the input: the work is bounded whatever it is given.
     */
    public static List<String> closest(String name, int count) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        String bounded = lower.length() > LONGEST ? lower.substring(0, LONGEST) : lower;
        record Scored(String lowerName, VmSize size, int distance) {
        }
        return BY_LOWER_NAME.entrySet().stream()
                .map(e -> new Scored(e.getKey(), e.getValue(), Levenshtein.distance(bounded, e.getKey())))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::lowerName))
                .limit(count)
                .map(sc -> sc.size().name())
                .toList();
    }
}
