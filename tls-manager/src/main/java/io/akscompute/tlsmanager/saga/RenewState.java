package io.akscompute.tlsmanager.saga;

/** The state of a RenewCertificate saga: what the renewal said, for OperationSucceeded. */
public class RenewState {
    public String message;
}
