package io.akscompute.common.contract;

/** The closed set of failure codes an {@code OperationFailed} event carries; documented in docs/error-codes.md. */
public enum ErrorCode {
    /** The command broke one or more preflight rules; every violation is in {@code details}. */
    ValidationFailed,
    /** The record could not be read as a command (not JSON, missing or mistyped fields). */
    InvalidCommand,
    /** The command carries no token, or one that is expired, signed by another issuer or otherwise not valid. */
    Unauthenticated,
    /** The caller's token is valid but holds no role in the workspace that allows this. */
    Forbidden,
    ComputeAlreadyExists,
    ComputeNotFound,
    ClusterNotFound,
    ClusterNotReady,
    ClusterAlreadyAttached,
    ClusterNotEligible,
    UnsupportedKubernetesVersion,
    UnknownLocation,
    OperationInProgress,
    NotCreatedByAkscompute,
    CertificateInvalid,
    CertificateNotFound,
    QuotaExceeded,
    PolicyViolation,
    /** akscompute's Azure identity holds no role that allows the call; the message names the action and scope. */
    AuthorizationFailed,
    AzureError,
    ParticipantTimeout,
    InternalError
}
