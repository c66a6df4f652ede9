package io.akscompute.common.saga;

import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.saga.ConfigureTls;
import io.akscompute.common.contract.saga.RemoveTls;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.TlsConfigured;

/**
 * The TLS steps every saga that installs a scoring endpoint asks of tls-manager: ConfigureTls (issue or import the
 * certificate, write it into the cluster) and RemoveTls. A saga state that takes part extends {@link State}.
 */
public final class TlsSteps {

    /** What the TLS steps read from a saga's state, and where they keep the outcome. */
    public abstract static class State {
        public String clusterResourceId;
        public String location;
        public SslConfiguration ssl;
        public LoadBalancerType loadBalancerType;
        public TlsConfigured tls;

        /** TLS is asked for (Auto or Enabled). */
        public boolean tlsWanted() {
            return ssl != null && ssl.enabled();
        }
    }

    private TlsSteps() {
    }

    public static <S extends State> Object configure(SagaContext<S> ctx) {
        S s = ctx.state();
        return new ConfigureTls(s.clusterResourceId, s.location, s.ssl, s.loadBalancerType);
    }

    public static <S extends State> StepResult configured(SagaContext<S> ctx, SagaReply reply) {
        if (!reply.succeeded()) {
            return SagaDefinition.defaultReply(ctx, reply);
        }
        TlsConfigured tls = SagaDefinition.result(reply, TlsConfigured.class);
        ctx.state().tls = tls;
        return StepResult.done("certificate for " + (tls.fqdn() != null ? tls.fqdn() : tls.cname())
                + " written to the cluster");
    }

    /** The secret leaves the cluster; the certificate stays for a later attach. */
    public static <S extends State> Object remove(SagaContext<S> ctx) {
        return new RemoveTls(ctx.state().clusterResourceId, false);
    }

    /** What a failed removal leaves behind: the secret in the cluster. */
    public static String secretOf(State state) {
        return "the azuremlfessl secret in " + state.clusterResourceId;
    }

    /** Undo of configure in a failed operation: a certificate issued for this compute goes with it. */
    public static <S extends State> Object removeAndDropIssued(SagaContext<S> ctx) {
        return new RemoveTls(ctx.state().clusterResourceId, true);
    }
}
