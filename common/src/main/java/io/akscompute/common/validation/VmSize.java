package io.akscompute.common.validation;

/** An Azure VM size a node pool can use: its canonical name, vCPU count and accelerator. */
public record VmSize(String name, int vCpus, boolean gpu, boolean fpga) {
}
