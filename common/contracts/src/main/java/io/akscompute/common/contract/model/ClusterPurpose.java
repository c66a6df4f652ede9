package io.akscompute.common.contract.model;

/** Azure ML's cluster purpose: production (FastProd, the default; DenseProd in the ARM schema) or DevTest. */
public enum ClusterPurpose {
    FastProd, DenseProd, DevTest;

    public boolean isProduction() {
        return this != DevTest;
    }

    public int minimumAgentCount() {
        return isProduction() ? 3 : 1;
    }
}
