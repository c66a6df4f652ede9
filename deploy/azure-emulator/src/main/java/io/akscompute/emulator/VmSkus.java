package io.akscompute.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Resource SKUs ({@code Microsoft.Compute/skus}) the emulator serves for every location it serves: current
 * families (Dv2 to Dv6, Ev5, Fsv2, B, Av2, GPU) with Azure's vCPU and memory figures, and one size, Standard_NC24rs_v3,
 * restricted (NotAvailableForSubscription) as Azure restricts sizes a subscription has no quota for.
 */
final class VmSkus {
    static final String RESTRICTED = "Standard_NC24rs_v3";

    private record Sku(String name, String family, int vCpus, double memoryGiB) {
    }

    private static final List<Sku> ALL = new ArrayList<>();

    static {
        sizes("standardDv2Family", "Standard_D%d_v2", new int[] {1, 2, 3, 4, 5}, new int[] {1, 2, 4, 8, 16}, 3.5);
        sizes("standardDv2Family", "Standard_D%d_v2", new int[] {11, 12, 13, 14}, new int[] {2, 4, 8, 16}, 7);
        sizes("standardDSv2Family", "Standard_DS%d_v2", new int[] {1, 2, 3, 4, 5}, new int[] {1, 2, 4, 8, 16}, 3.5);
        sizes("standardDSv2Family", "Standard_DS%d_v2", new int[] {11, 12, 13, 14}, new int[] {2, 4, 8, 16}, 7);
        int[] d = {2, 4, 8, 16, 32, 48, 64};
        sizes("standardDv3Family", "Standard_D%d_v3", d, d, 4);
        sizes("standardDSv3Family", "Standard_D%ds_v3", d, d, 4);
        sizes("standardDSv4Family", "Standard_D%ds_v4", d, d, 4);
        int[] da = {2, 4, 8, 16, 32, 48, 64, 96};
        sizes("standardDASv4Family", "Standard_D%das_v4", da, da, 4);
        sizes("standardDv5Family", "Standard_D%d_v5", da, da, 4);
        sizes("standardDSv5Family", "Standard_D%ds_v5", da, da, 4);
        sizes("standardDDSv5Family", "Standard_D%dds_v5", da, da, 4);
        sizes("standardDASv5Family", "Standard_D%das_v5", da, da, 4);
        sizes("standardDSv6Family", "Standard_D%ds_v6", da, da, 4);
        sizes("standardDDSv6Family", "Standard_D%dds_v6", da, da, 4);
        sizes("standardDASv6Family", "Standard_D%das_v6", da, da, 4);
        int[] e = {2, 4, 8, 16, 20, 32, 48, 64, 96};
        sizes("standardESv5Family", "Standard_E%ds_v5", e, e, 8);
        int[] f = {2, 4, 8, 16, 32, 48, 64, 72};
        sizes("standardFSv2Family", "Standard_F%ds_v2", f, f, 2);
        add("standardBSFamily", "Standard_B1s", 1, 1);
        add("standardBSFamily", "Standard_B1ms", 1, 2);
        add("standardBSFamily", "Standard_B2s", 2, 4);
        add("standardBSFamily", "Standard_B2ms", 2, 8);
        add("standardBSFamily", "Standard_B4ms", 4, 16);
        add("standardBSFamily", "Standard_B8ms", 8, 32);
        add("standardBSFamily", "Standard_B12ms", 12, 48);
        add("standardBSFamily", "Standard_B16ms", 16, 64);
        add("standardBSFamily", "Standard_B20ms", 20, 80);
        add("standardAv2Family", "Standard_A1_v2", 1, 2);
        add("standardAv2Family", "Standard_A2_v2", 2, 4);
        add("standardAv2Family", "Standard_A4_v2", 4, 8);
        add("standardAv2Family", "Standard_A8_v2", 8, 16);
        add("standardAv2Family", "Standard_A2m_v2", 2, 16);
        add("standardAv2Family", "Standard_A4m_v2", 4, 32);
        add("standardAv2Family", "Standard_A8m_v2", 8, 64);
        add("standardNCSv3Family", "Standard_NC6s_v3", 6, 112);
        add("standardNCSv3Family", "Standard_NC12s_v3", 12, 224);
        add("standardNCSv3Family", "Standard_NC24s_v3", 24, 448);
        add("standardNCSv3Family", RESTRICTED, 24, 448);
        add("standardNCASv3_T4Family", "Standard_NC4as_T4_v3", 4, 28);
        add("standardNCASv3_T4Family", "Standard_NC8as_T4_v3", 8, 56);
        add("standardNCASv3_T4Family", "Standard_NC16as_T4_v3", 16, 110);
        add("standardNCASv3_T4Family", "Standard_NC64as_T4_v3", 64, 440);
        add("StandardNCADSA100v4Family", "Standard_NC24ads_A100_v4", 24, 220);
        add("standardNDASv4_A100Family", "Standard_ND96asr_v4", 96, 900);
    }

    private VmSkus() {
    }

    private static void sizes(String family, String pattern, int[] numbers, int[] vCpus, double gibPerVcpu) {
        for (int i = 0; i < numbers.length; i++) {
            add(family, String.format(pattern, numbers[i]), vCpus[i], vCpus[i] * gibPerVcpu);
        }
    }

    private static void add(String family, String name, int vCpus, double memoryGiB) {
        ALL.add(new Sku(name, family, vCpus, memoryGiB));
    }

    static int count() {
        return ALL.size();
    }

    /** ARM's answer to {@code GET .../providers/Microsoft.Compute/skus?$filter=location eq '<location>'}. */
    static ObjectNode list(ObjectMapper json, String location) {
        ObjectNode answer = json.createObjectNode();
        ArrayNode value = answer.putArray("value");
        for (Sku sku : ALL) {
            ObjectNode node = value.addObject();
            node.put("resourceType", "virtualMachines");
            node.put("name", sku.name());
            node.put("tier", "Standard");
            node.put("size", sku.name().substring("Standard_".length()));
            node.put("family", sku.family());
            node.putArray("locations").add(location);
            ObjectNode info = node.putArray("locationInfo").addObject();
            info.put("location", location);
            info.putArray("zones").add("1").add("2").add("3");
            ArrayNode capabilities = node.putArray("capabilities");
            capabilities.addObject().put("name", "vCPUs").put("value", Integer.toString(sku.vCpus()));
            double gib = sku.memoryGiB();
            capabilities.addObject().put("name", "MemoryGB").put("value",
                    gib == Math.rint(gib) ? Long.toString((long) gib) : Double.toString(gib));
            ArrayNode restrictions = node.putArray("restrictions");
            if (RESTRICTED.equals(sku.name())) {
                ObjectNode r = restrictions.addObject();
                r.put("type", "Location");
                r.putArray("values").add(location);
                r.putObject("restrictionInfo").putArray("locations").add(location);
                r.put("reasonCode", "NotAvailableForSubscription");
            }
        }
        // Azure lists other resource types too; clients keep only virtual machines.
        ObjectNode disk = value.addObject();
        disk.put("resourceType", "disks");
        disk.put("name", "Premium_LRS");
        disk.putArray("locations").add(location);
        return answer;
    }
}
