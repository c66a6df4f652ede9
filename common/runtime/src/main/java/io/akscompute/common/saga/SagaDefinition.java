package io.akscompute.common.saga;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.SagaReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A saga reads as its list of steps, each with an optional compensation:
 *
 * <pre>
 * SagaDefinition.builder("AttachCluster", AttachState.class)
 *     .step("find-cluster").invoke(azure::findCluster)
 *     .step("configure-tls").when(s -> s.tlsWanted()).ask(ConfigureTls, this::tlsRequest, this::onTls)
 *         .withCompensation().ask(RemoveTls, this::removeTlsRequest)
 *     .step("install-front-end").invoke(frontEnd::install).withCompensation().invoke(frontEnd::remove)
 *     .onSuccess(registry::snapshot)
 *     .build();
 * </pre>
 */
public final class SagaDefinition<S> {

    /** A local action: runs on the reconciler's thread, may call Azure, must be safe to run again. */
    @FunctionalInterface
    public interface LocalAction<S> {
        StepResult apply(SagaContext<S> context) throws Exception;
    }

    /** Either a local action or a request to a participant (with what to do with its reply). */
    public sealed interface Action<S> {
    }

    /** {@code inline}: the action calls nothing outside this service's database (see {@link StepBuilder#invokeInline}). */
    public record Local<S>(LocalAction<S> action, boolean inline) implements Action<S> {
        public Local(LocalAction<S> action) {
            this(action, false);
        }
    }

    public record Ask<S>(ParticipantAction action, Function<SagaContext<S>, Object> payload,
            BiFunction<SagaContext<S>, SagaReply, StepResult> onReply) implements Action<S> {
    }

    /** {@code leaves} says what the step leaves behind when its undo fails for good (null: its name says it). */
    public record Step<S>(String name, Predicate<S> applies, Action<S> forward, Action<S> compensation,
            boolean compensateOwnFailure, Function<S, String> leaves) {
    }

    private final String type;
    private final Class<S> stateType;
    private final List<Step<S>> steps;
    private final Function<SagaContext<S>, ComputeSnapshot> onSuccess;
    private final Function<SagaContext<S>, String> successMessage;
    private final RetryPolicy retryPolicy;

    private SagaDefinition(Builder<S> b) {
        this.type = b.type;
        this.stateType = b.stateType;
        this.steps = List.copyOf(b.steps);
        this.onSuccess = b.onSuccess;
        this.successMessage = b.successMessage;
        this.retryPolicy = b.retryPolicy;
    }

    public static <S> Builder<S> builder(String type, Class<S> stateType) {
        return new Builder<>(type, stateType);
    }

    public String type() {
        return type;
    }

    public Class<S> stateType() {
        return stateType;
    }

    public List<Step<S>> steps() {
        return steps;
    }

    public Function<SagaContext<S>, ComputeSnapshot> onSuccess() {
        return onSuccess;
    }

    /** The message of OperationSucceeded. */
    public Function<SagaContext<S>, String> successMessage() {
        return successMessage;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public static final class Builder<S> {
        private final String type;
        private final Class<S> stateType;
        private final List<Step<S>> steps = new ArrayList<>();
        private Function<SagaContext<S>, ComputeSnapshot> onSuccess = ctx -> null;
        private Function<SagaContext<S>, String> successMessage;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

        private Builder(String type, Class<S> stateType) {
            this.type = type;
            this.stateType = stateType;
            this.successMessage = ctx -> type + " succeeded";
        }

        public StepBuilder<S> step(String name) {
            return new StepBuilder<>(this, name);
        }

        /** The compute as it is after success, for OperationSucceeded (null when there is none, e.g. detach). */
        public Builder<S> onSuccess(Function<SagaContext<S>, ComputeSnapshot> snapshot) {
            this.onSuccess = snapshot;
            return this;
        }

        /** What OperationSucceeded says (default: "{@code <type>} succeeded"). */
        public Builder<S> succeededWith(Function<SagaContext<S>, String> message) {
            this.successMessage = message;
            return this;
        }

        public Builder<S> retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        public SagaDefinition<S> build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("saga " + type + " has no steps");
            }
            return new SagaDefinition<>(this);
        }
    }

    public static final class StepBuilder<S> {
        private final Builder<S> saga;
        private final String name;
        private Predicate<S> applies = s -> true;
        private Action<S> forward;
        private Action<S> compensation;
        private boolean compensateOwnFailure;
        private Function<S, String> leaves;

        private StepBuilder(Builder<S> saga, String name) {
            this.saga = saga;
            this.name = name;
        }

        /** Runs the step only when the state says so (e.g. TLS only when asked for); otherwise it is skipped. */
        public StepBuilder<S> when(Predicate<S> condition) {
            this.applies = condition;
            return this;
        }

        public StepBuilder<S> invoke(LocalAction<S> action) {
            set(new Local<>(action));
            return this;
        }

        /**
         * A local action that calls nothing outside this service (its database and plain rules only): when the step
         * before it has just ended, it runs in the same transaction instead of a transaction of its own.
         */
        public StepBuilder<S> invokeInline(LocalAction<S> action) {
            set(new Local<>(action, true));
            return this;
        }

        public StepBuilder<S> ask(ParticipantAction action, Function<SagaContext<S>, Object> payload,
                BiFunction<SagaContext<S>, SagaReply, StepResult> onReply) {
            set(new Ask<>(action, payload, onReply));
            return this;
        }

        public StepBuilder<S> ask(ParticipantAction action, Function<SagaContext<S>, Object> payload) {
            return ask(action, payload, SagaDefinition::defaultReply);
        }

        public CompensationBuilder<S> withCompensation() {
            return new CompensationBuilder<>(this);
        }

        public StepBuilder<S> step(String next) {
            return finish().step(next);
        }

        public Builder<S> onSuccess(Function<SagaContext<S>, ComputeSnapshot> snapshot) {
            return finish().onSuccess(snapshot);
        }

        public Builder<S> succeededWith(Function<SagaContext<S>, String> message) {
            return finish().succeededWith(message);
        }

        public SagaDefinition<S> build() {
            return finish().build();
        }

        private void set(Action<S> action) {
            if (forward != null) {
                throw new IllegalStateException("step " + name + " has an action already");
            }
            forward = action;
        }

        private Builder<S> finish() {
            Objects.requireNonNull(forward, "step " + name + " has no action");
            saga.steps.add(new Step<>(name, applies, forward, compensation, compensateOwnFailure, leaves));
            return saga;
        }
    }

    public static final class CompensationBuilder<S> {
        private final StepBuilder<S> step;

        private CompensationBuilder(StepBuilder<S> step) {
            this.step = step;
        }

        public StepBuilder<S> invoke(LocalAction<S> action) {
            step.compensation = new Local<>(action);
            return step;
        }

        public StepBuilder<S> ask(ParticipantAction action, Function<SagaContext<S>, Object> payload) {
            step.compensation = new Ask<>(action, payload, SagaDefinition::defaultReply);
            return step;
        }

        /** Also undo this step when it failed itself: it may have half-done its work (an ARM resource created). */
        public CompensationBuilder<S> evenWhenTheStepFailed() {
            step.compensateOwnFailure = true;
            return this;
        }

        /** What is left behind when this undo fails for good (a resource id), for OperationFailed and the sweep. */
        public CompensationBuilder<S> leaving(Function<S, String> what) {
            step.leaves = what;
            return this;
        }
    }

    /** A successful reply finishes the step; a failed one is retried when the participant says so, else fails it. */
    public static <S> StepResult defaultReply(SagaContext<S> context, SagaReply reply) {
        if (reply.succeeded()) {
            return StepResult.done(reply.message());
        }
        if (reply.retryable()) {
            return StepResult.retry(reply.message());
        }
        return StepResult.fail(reply.code() == null ? io.akscompute.common.contract.ErrorCode.InternalError : reply.code(),
                reply.message(), reply.details() == null ? List.of() : reply.details());
    }

    /** Reads a participant's result payload as the given record. */
    public static <T> T result(SagaReply reply, Class<T> type) {
        JsonNode node = reply.result();
        return node == null || node.isNull() ? null : SagaJson.read(node, type);
    }
}
