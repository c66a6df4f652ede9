package io.akscompute.common.contract.model;

/** Disabled: plain HTTP; Enabled: the user's certificate; Auto: a certificate issued for a leaf domain label. */
public enum SslStatus {
    Disabled, Enabled, Auto
}
