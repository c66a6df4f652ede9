package io.akscompute.tlsmanager.saga;

/** The state of a RenewCertificate saga: the renewed certificate, and what the renewal said for OperationSucceeded. */
public class RenewState {
    public String certificateId;
    public String message;
}
