package io.akscompute.common.contract;

/** Names of what akscompute installs inside a cluster; users meet them with kubectl. */
public final class InClusterNames {
    /** Namespace of the inference front end and its TLS secret. */
    public static final String NAMESPACE = "azureml";
    /** The TLS secret Azure ML users know, keys {@code cert.pem} and {@code key.pem}. */
    public static final String TLS_SECRET = "azuremlfessl";
    public static final String TLS_CERT_KEY = "cert.pem";
    public static final String TLS_KEY_KEY = "key.pem";
    /** Deployment and LoadBalancer Service of the scoring front end. */
    public static final String FRONT_END = "azureml-fe";

    private InClusterNames() {
    }
}
