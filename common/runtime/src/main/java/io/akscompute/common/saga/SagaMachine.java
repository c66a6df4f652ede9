package io.akscompute.common.saga;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.saga.SagaDefinition.Action;
import io.akscompute.common.saga.SagaDefinition.Ask;
import io.akscompute.common.saga.SagaDefinition.Local;
import io.akscompute.common.saga.SagaDefinition.Step;
import io.akscompute.common.saga.StepRecord.Status;
import io.akscompute.common.work.Outages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The saga state machine, plain Java: {@link #advance} runs at most one action of one saga and says what to
 * publish. Persistence, locking and publishing are the caller's ({@code SagaEngine}); that keeps every rule
 * here testable without a database or a broker.
 */
public final class SagaMachine {
    private final ServiceName owner;
    private final Function<Throwable, StepResult> classifier;

    /**
     * @param owner the service running the sagas (participants reply to it)
     * @param classifier turns an exception of a local action into Retry or Fail (e.g. Azure's error codes)
     */
    public SagaMachine(ServiceName owner, Function<Throwable, StepResult> classifier) {
        this.owner = owner;
        this.classifier = classifier;
    }

    public static <S> SagaInstance start(SagaDefinition<S> definition, UUID operationId, String workspace,
            String computeName, S state, Instant now) {
        SagaInstance i = new SagaInstance();
        i.id = UUID.randomUUID();
        i.operationId = operationId;
        i.type = definition.type();
        i.workspace = workspace;
        i.computeName = computeName;
        i.status = SagaInstance.Status.RUNNING;
        i.currentStep = 0;
        i.nextAttemptAt = now;
        i.state = SagaJson.write(state);
        i.steps = SagaJson.write(definition.steps().stream().map(s -> StepRecord.pending(s.name())).toList());
        i.compensated = "[]";
        i.compensationFailed = "[]";
        i.stepStartedAt = now;
        i.createdAt = now;
        i.updatedAt = now;
        return i;
    }

    public static List<StepRecord> steps(SagaInstance instance) {
        return SagaJson.readList(instance.steps, StepRecord.class);
    }

    public static List<String> compensated(SagaInstance instance) {
        return SagaJson.readList(instance.compensated, String.class);
    }

    public static List<Detail> failureDetails(SagaInstance instance) {
        return SagaJson.readList(instance.failureDetails, Detail.class);
    }

    /** What the saga's compensation could not undo, and what it left behind. */
    public static List<String> compensationFailed(SagaInstance instance) {
        return SagaJson.readList(instance.compensationFailed, String.class);
    }

    /**
     * Accepts a participant's reply when it answers the pending request; a duplicate or late reply changes
     * nothing and returns false.
     */
    public boolean onReply(SagaInstance instance, SagaReply reply, Instant now) {
        if (instance.finished() || instance.pendingRequestId == null
                || !instance.pendingRequestId.equals(reply.requestId()) || instance.reply != null) {
            return false;
        }
        instance.reply = SagaJson.write(reply);
        instance.nextAttemptAt = now;
        instance.updatedAt = now;
        return true;
    }

    /** Runs the due action of the saga (at most one) and returns the events to publish. */
    public <S> List<SagaEffect> advance(SagaInstance instance, SagaDefinition<S> definition, Instant now) {
        return transition(instance, definition, now, false).effects();
    }

    /**
     * What {@link #begin} did: the events to publish, and whether it stopped before a local action that calls
     * outside this service (Azure, a cluster), which the caller runs with {@link #call} and no transaction open.
     */
    public record Transition(List<SagaEffect> effects, boolean callsOutside) {
    }

    /**
     * Like {@link #advance}, but a local action that is not inline is not run: the step is marked as begun and the
     * caller runs the action with {@link #call}, then hands its result to {@link #complete}.
     */
    public <S> Transition begin(SagaInstance instance, SagaDefinition<S> definition, Instant now) {
        return transition(instance, definition, now, true);
    }

    private <S> Transition transition(SagaInstance instance, SagaDefinition<S> definition, Instant now,
            boolean deferCalls) {
        if (instance.finished()) {
            return new Transition(List.of(), false);
        }
        Run<S> run = new Run<>(instance, definition, now);
        run.deferCalls = deferCalls;
        run.advance();
        run.writeBack();
        return new Transition(run.effects, run.deferred);
    }

    /** A call's outcome: its result, and the state and handle it left (applied only by {@link #complete}). */
    public record CallResult(String step, StepResult result, String state, String lroHandle, List<String> warnings) {
    }

    /**
     * Runs the action {@link #begin} stopped at, against this copy of the saga: it touches no database row of the
     * saga, so it needs no transaction. An exception is classified like any local action's.
     */
    public <S> CallResult call(SagaInstance instance, SagaDefinition<S> definition, Instant now) {
        Step<S> step = definition.steps().get(instance.currentStep);
        boolean undoing = instance.status == SagaInstance.Status.COMPENSATING;
        Local<S> local = (Local<S>) (undoing ? step.compensation() : step.forward());
        S state = SagaJson.read(instance.state, definition.stateType());
        SagaContext<S> ctx = new SagaContext<>(instance, state, now);
        StepResult result = run(local, ctx, false);
        return new CallResult(step.name(), result, SagaJson.write(state), instance.lroHandle,
                List.copyOf(ctx.warnings()));
    }

    /**
     * Runs a local action; what it throws goes through the classifier, except the database away inside the
     * transaction of a transition (see {@link Outages#rethrowInTransaction}).
     */
    private <S> StepResult run(Local<S> local, SagaContext<S> ctx, boolean inTransaction) {
        try {
            return Objects.requireNonNull(local.action().apply(ctx), "a step returned no result");
        } catch (Exception e) {
            Outages.rethrowInTransaction(e, inTransaction);
            return classifier.apply(e);
        }
    }

    /** Applies what {@link #call} returned to the saga as it was when the call began, and says what to publish. */
    public <S> List<SagaEffect> complete(SagaInstance instance, SagaDefinition<S> definition, CallResult call,
            Instant now) {
        instance.state = call.state();
        instance.lroHandle = call.lroHandle();
        Run<S> run = new Run<>(instance, definition, now);
        SagaContext<S> ctx = new SagaContext<>(instance, run.state, now);
        call.warnings().forEach(ctx::warn);
        run.apply(definition.steps().get(instance.currentStep), call.result(), ctx,
                instance.status == SagaInstance.Status.COMPENSATING);
        run.writeBack();
        return run.effects;
    }

    /**
     * Whether the saga's next transition is due now, going forward, and either skips its step or runs a local action
     * (inline, or begun by {@link #begin} for a call outside): it may follow in the transaction of the one before.
     */
    public <S> boolean nextIsLocal(SagaInstance instance, SagaDefinition<S> definition, Instant now) {
        if (instance.status != SagaInstance.Status.RUNNING || instance.pendingRequestId != null
                || instance.nextAttemptAt == null || instance.nextAttemptAt.isAfter(now)
                || instance.currentStep < 0 || instance.currentStep >= definition.steps().size()) {
            return false;
        }
        Step<S> step = definition.steps().get(instance.currentStep);
        return step.forward() instanceof Local<S>
                || !step.applies().test(SagaJson.read(instance.state, definition.stateType()));
    }

    /**
     * Fails the current step (or its undo) with this result without running it: for a saga whose transition keeps
     * throwing (a reply that does not decode, a defect). It then compensates like any failed saga.
     */
    public <S> List<SagaEffect> failStep(SagaInstance instance, SagaDefinition<S> definition, StepResult.Fail failure,
            Instant now) {
        if (instance.finished()) {
            return List.of();
        }
        Run<S> run = new Run<>(instance, definition, now);
        run.failCurrent(failure);
        run.writeBack();
        return run.effects;
    }

    /** One transition of one saga. */
    private final class Run<S> {
        final SagaInstance inst;
        final SagaDefinition<S> def;
        final Instant now;
        final S state;
        final List<StepRecord> steps;
        final List<String> compensated;
        final List<SagaEffect> effects = new ArrayList<>();
        final RetryPolicy policy;
        /** Set by {@link #begin}: a local action that calls outside is left to the caller. */
        boolean deferCalls;
        boolean deferred;

        Run(SagaInstance inst, SagaDefinition<S> def, Instant now) {
            this.inst = inst;
            this.def = def;
            this.now = now;
            this.state = SagaJson.read(inst.state, def.stateType());
            this.steps = new ArrayList<>(steps(inst));
            this.compensated = new ArrayList<>(compensated(inst));
            this.policy = def.retryPolicy();
        }

        void writeBack() {
            inst.state = SagaJson.write(state);
            inst.steps = SagaJson.write(steps);
            inst.compensated = SagaJson.write(compensated);
            inst.updatedAt = now;
        }

        void failCurrent(StepResult.Fail failure) {
            clearPending();
            boolean undoing = inst.status == SagaInstance.Status.COMPENSATING;
            if (undoing) {
                while (inst.currentStep >= 0 && !needsUndo(inst.currentStep)) {
                    inst.currentStep--;
                }
                if (inst.currentStep < 0) {
                    finishFailed();
                    return;
                }
            }
            apply(def.steps().get(inst.currentStep), failure, new SagaContext<>(inst, state, now), undoing);
        }

        void advance() {
            if (inst.status == SagaInstance.Status.RUNNING) {
                forward();
            } else {
                compensate();
            }
        }

        private void forward() {
            Step<S> step = def.steps().get(inst.currentStep);
            StepRecord rec = steps.get(inst.currentStep);
            if (rec.status() == Status.PENDING && !step.applies().test(state)) {
                steps.set(inst.currentStep, rec.with(Status.SKIPPED, "not needed", now));
                progress(step, "skipped: not needed", List.of());
                next();
                return;
            }
            if (rec.status() == Status.PENDING) {
                steps.set(inst.currentStep, rec.with(Status.RUNNING, null, now));
                progress(step, "started", List.of());
            }
            execute(step, step.forward(), false);
        }

        private void compensate() {
            while (inst.currentStep >= 0 && !needsUndo(inst.currentStep)) {
                inst.currentStep--;
            }
            if (inst.currentStep < 0) {
                finishFailed();
                return;
            }
            Step<S> step = def.steps().get(inst.currentStep);
            StepRecord rec = steps.get(inst.currentStep);
            if (rec.status() != Status.COMPENSATING) {
                steps.set(inst.currentStep, rec.with(Status.COMPENSATING, null, now));
                progress(step, "undoing", List.of());
            }
            execute(step, step.compensation(), true);
        }

        private boolean needsUndo(int index) {
            Step<S> step = def.steps().get(index);
            StepRecord rec = steps.get(index);
            Status status = rec.status();
            return step.compensation() != null && (status == Status.DONE || status == Status.COMPENSATING
                    || (status == Status.FAILED && (step.compensateOwnFailure() || rec.wasTimedOut())));
        }

        private void execute(Step<S> step, Action<S> action, boolean undoing) {
            SagaContext<S> ctx = new SagaContext<>(inst, state, now);
            StepResult result;
            if (action instanceof Local<S> local && deferCalls && !local.inline()) {
                deferred = true;
                return;
            }
            if (action instanceof Local<S> local) {
                result = run(local, ctx, true);
            } else {
                result = ask(step, (Ask<S>) action, ctx);
                if (result == null) {
                    return; // request sent (or sent again); the reply or the timeout wakes the saga
                }
            }
            apply(step, result, ctx, undoing);
        }

        /**
         * Sends the request with its deadline (now + the time to reach a participant, even one that was killed and
         * restarted, + the action's worst case; past it the participant drops the work), asks once more with the
         * same id at the deadline (a reply may have gone astray; the participant answers a repeated id from what it
         * stored), and gives up one worst case later, when even a try that began just before the deadline has
         * ended: then the step fails, marked timed out, so that it is undone like a finished one.
         */
        private StepResult ask(Step<S> step, Ask<S> ask, SagaContext<S> ctx) {
            if (inst.reply != null) {
                SagaReply reply = SagaJson.read(inst.reply, SagaReply.class);
                clearPending();
                return ask.onReply().apply(ctx, reply);
            }
            if (inst.pendingRequestId == null) {
                inst.pendingRequestId = UUID.randomUUID();
                inst.requestAttempts = 0;
                inst.requestDeadline = now.plus(policy.redelivery()).plus(ask.action().worstCase());
            } else if (!now.isBefore(inst.requestDeadline.plus(ask.action().worstCase()))) {
                UUID silent = inst.pendingRequestId;
                Instant deadline = inst.requestDeadline;
                clearPending();
                steps.set(inst.currentStep, steps.get(inst.currentStep).markTimedOut());
                return StepResult.fail(ErrorCode.ParticipantTimeout, ask.action().participant().id()
                        + " did not answer " + ask.action() + " (request " + silent + ") by its deadline " + deadline
                        + " and " + ask.action().worstCase().toSeconds() + " s more");
            }
            inst.requestAttempts++;
            effects.add(new SagaEffect.Request(new SagaRequest(inst.id, inst.pendingRequestId, inst.operationId,
                    ask.action(), owner, inst.workspace, inst.computeName, SagaJson.tree(ask.payload().apply(ctx)),
                    inst.requestDeadline)));
            inst.nextAttemptAt = inst.requestAttempts == 1 ? inst.requestDeadline
                    : inst.requestDeadline.plus(ask.action().worstCase());
            if (inst.requestAttempts > 1) {
                progress(step, "no answer from " + ask.action().participant().id() + " by the deadline; asking again",
                        List.of());
            }
            return null;
        }

        private void clearPending() {
            inst.pendingRequestId = null;
            inst.requestAttempts = 0;
            inst.requestDeadline = null;
            inst.reply = null;
        }

        private void apply(Step<S> step, StepResult result, SagaContext<S> ctx, boolean undoing) {
            int i = inst.currentStep;
            if (result instanceof StepResult.Done done) {
                steps.set(i, steps.get(i).with(undoing ? Status.COMPENSATED : Status.DONE, done.message(), now));
                progress(step, (undoing ? "undone" : "done") + (done.message() == null ? "" : ": " + done.message()),
                        ctx.warnings());
                if (undoing) {
                    compensated.add(step.name());
                    inst.currentStep--;
                    resetStep();
                    return;
                }
                next();
            } else if (result instanceof StepResult.Wait wait) {
                inst.attempt = 0; // the step got an answer: only failures in a row count
                inst.nextAttemptAt = now.plus(wait.after());
                if (wait.message() != null && !wait.message().equals(inst.lastMessage)) {
                    progress(step, wait.message(), ctx.warnings());
                }
            } else if (undoing) {
                undoFailed(step, result, i);
            } else if (result instanceof StepResult.Retry retry) {
                steps.set(i, steps.get(i).tried());
                inst.attempt++;
                if (inst.attempt >= policy.maxAttempts()) {
                    apply(step, StepResult.fail(retry.giveUpCode(), "gave up after " + inst.attempt + " tries: "
                            + retry.reason()), ctx, false);
                    return;
                }
                Duration delay = policy.backoff(inst.attempt, retry.retryAfter());
                inst.nextAttemptAt = now.plus(delay);
                progress(step, "try " + inst.attempt + " failed (" + retry.reason() + "); trying again in "
                        + delay.toMillis() / 1000.0 + " s", List.of());
            } else {
                StepResult.Fail fail = (StepResult.Fail) result;
                steps.set(i, steps.get(i).with(Status.FAILED, fail.message(), now));
                progress(step, "failed: " + fail.message(), ctx.warnings());
                inst.failureCode = fail.code().name();
                inst.failureMessage = fail.message();
                inst.failureDetails = SagaJson.write(fail.details());
                inst.status = SagaInstance.Status.COMPENSATING;
                resetStep();
            }
        }

        /**
         * An undo that failed, for whatever reason, is tried again with backoff until the compensation timeout from
         * when it began; then what it left behind is reported and the earlier steps are undone all the same.
         */
        private void undoFailed(Step<S> step, StepResult result, int i) {
            String reason = result instanceof StepResult.Retry retry ? retry.reason() : ((StepResult.Fail) result).message();
            Duration retryAfter = result instanceof StepResult.Retry retry ? retry.retryAfter() : null;
            steps.set(i, steps.get(i).tried());
            inst.attempt++;
            Instant began = inst.stepStartedAt == null ? now : inst.stepStartedAt;
            if (now.isBefore(began.plus(policy.compensationTimeout()))) {
                Duration delay = policy.backoff(inst.attempt, retryAfter);
                inst.nextAttemptAt = now.plus(delay);
                progress(step, "undo try " + inst.attempt + " failed (" + reason + "); trying again in "
                        + delay.toMillis() / 1000.0 + " s", List.of());
                return;
            }
            String left = step.leaves() == null ? step.name() : step.name() + " left " + step.leaves().apply(state);
            List<String> failed = new ArrayList<>(compensationFailed(inst));
            failed.add(left + ": " + reason);
            inst.compensationFailed = SagaJson.write(failed);
            List<Detail> details = new ArrayList<>(failureDetails(inst));
            details.add(new Detail(null, "could not undo " + step.name() + ": " + reason));
            inst.failureDetails = SagaJson.write(details);
            steps.set(i, steps.get(i).with(Status.FAILED, reason, now));
            progress(step, "could not be undone: " + reason, List.of());
            inst.currentStep--;
            resetStep();
        }

        private void next() {
            inst.currentStep++;
            resetStep();
            if (inst.currentStep == def.steps().size()) {
                inst.status = SagaInstance.Status.SUCCEEDED;
                inst.nextAttemptAt = null;
                SagaContext<S> ctx = new SagaContext<>(inst, state, now);
                effects.add(new SagaEffect.Succeeded(def.onSuccess().apply(ctx), def.successMessage().apply(ctx)));
            }
        }

        private void resetStep() {
            inst.attempt = 0;
            inst.lroHandle = null;
            inst.lastMessage = null;
            inst.nextAttemptAt = now;
            inst.stepStartedAt = now;
        }

        private void finishFailed() {
            inst.status = SagaInstance.Status.FAILED;
            inst.nextAttemptAt = null;
            String undone = compensated.isEmpty() ? "" : "; undone: " + String.join(", ", compensated);
            List<String> left = compensationFailed(inst);
            String notUndone = left.isEmpty() ? "" : "; NOT undone: " + String.join("; ", left);
            effects.add(new SagaEffect.Failed(ErrorCode.valueOf(inst.failureCode), inst.failureMessage + undone
                    + notUndone, failureDetails(inst), List.copyOf(compensated), left));
        }

        private void progress(Step<S> step, String message, List<String> warnings) {
            inst.lastMessage = message;
            effects.add(new SagaEffect.Progress(step.name(), inst.currentStep + 1, def.steps().size(), message,
                    List.copyOf(warnings)));
        }
    }
}
