package io.akscompute.common.rules;

/** An Azure VM size a node pool can use: its canonical name, vCPU count and accelerator. */
public record VmSize(String name, int vCpus, boolean gpu, boolean fpga) {
}
