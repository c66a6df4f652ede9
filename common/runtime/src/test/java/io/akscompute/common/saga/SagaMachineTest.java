package io.akscompute.common.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.SagaReply;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The saga rules, given a definition and what its steps do, expect transitions and events. */
class SagaMachineTest {

    /** The saga's state: a log of what the actions did, so tests see order and count. */
    public static class Log {
        public List<String> did = new ArrayList<>();
    }

    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofMinutes(2));
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private final SagaMachine machine = new SagaMachine(ServiceName.ATTACHER,
            e -> e instanceof IllegalStateException ? StepResult.retry(e.getMessage())
                    : StepResult.fail(ErrorCode.AzureError, e.getMessage()));

    private static SagaDefinition.LocalAction<Log> does(String what) {
        return ctx -> {
            ctx.state().did.add(what);
            return StepResult.done();
        };
    }

    private static SagaDefinition.LocalAction<Log> fails(ErrorCode code) {
        return ctx -> StepResult.fail(code, "it broke");
    }

    /** Drives one saga with a controllable clock. */
    private final class Given {
        final SagaDefinition<Log> definition;
        final SagaInstance saga;
        final List<SagaEffect> effects = new ArrayList<>();
        Instant now = T0;

        Given(SagaDefinition<Log> definition) {
            this.definition = definition;
            this.saga = SagaMachine.start(definition, UUID.randomUUID(), "ws", "aks1", new Log(), T0);
        }

        /** Advances while the saga is due at the current time. */
        Given runDue() {
            for (int guard = 0; guard < 100 && !saga.finished() && !saga.nextAttemptAt.isAfter(now); guard++) {
                effects.addAll(machine.advance(saga, definition, now));
            }
            return this;
        }

        /**
         * Like {@link #runDue}, the way the engine runs it: a local action that calls outside is begun, called on
         * the saga as begun, and its result completed.
         */
        Given runDueCallingOutside() {
            for (int guard = 0; guard < 100 && !saga.finished() && !saga.nextAttemptAt.isAfter(now); guard++) {
                SagaMachine.Transition t = machine.begin(saga, definition, now);
                effects.addAll(t.effects());
                if (t.callsOutside()) {
                    String begun = saga.state;
                    SagaMachine.CallResult called = machine.call(saga, definition, now);
                    assertThat(saga.state).as("a call changes the saga only through complete").isEqualTo(begun);
                    effects.addAll(machine.complete(saga, definition, called, now));
                }
            }
            return this;
        }

        Given at(Duration later) {
            now = T0.plus(later);
            return this;
        }

        Given reply(UUID requestId, boolean ok, boolean retryable) {
            SagaReply reply = new SagaReply(saga.id, requestId, ParticipantAction.ConfigureTls, ok,
                    ok ? null : ErrorCode.CertificateInvalid, ok ? "configured" : "bad certificate", List.of(),
                    retryable, null);
            machine.onReply(saga, reply, now);
            return this;
        }

        List<String> did() {
            return SagaJson.read(saga.state, Log.class).did;
        }

        List<String> progress() {
            return effects.stream().filter(e -> e instanceof SagaEffect.Progress).map(e -> (SagaEffect.Progress) e)
                    .map(p -> p.index() + "/" + p.count() + " " + p.step() + ": " + p.message()).toList();
        }

        List<SagaEffect.Request> requests() {
            return effects.stream().filter(e -> e instanceof SagaEffect.Request).map(e -> (SagaEffect.Request) e)
                    .toList();
        }

        SagaEffect last() {
            return effects.get(effects.size() - 1);
        }
    }

    private static SagaDefinition.Builder<Log> saga() {
        return SagaDefinition.builder("Test", Log.class).retryPolicy(POLICY);
    }

    @Test
    void allStepsSucceedInOrderAndTheSagaSucceeds() {
        var given = new Given(saga()
                .step("a").invoke(does("a"))
                .step("b").invoke(does("b"))
                .step("c").invoke(does("c"))
                .build()).runDue();

        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.SUCCEEDED);
        assertThat(given.did()).containsExactly("a", "b", "c");
        assertThat(given.progress()).containsExactly("1/3 a: started", "1/3 a: done", "2/3 b: started",
                "2/3 b: done", "3/3 c: started", "3/3 c: done");
        assertThat(given.last()).isInstanceOf(SagaEffect.Succeeded.class);
    }

    @Test
    void stepsThatCallOutsideRunBetweenBeginAndCompleteWithTheEventsOfOneGo() {
        java.util.function.Supplier<SagaDefinition<Log>> definition = () -> saga()
                .step("a").invoke(does("a")).withCompensation().invoke(does("undo a"))
                .step("b").invokeInline(does("b")).withCompensation().invoke(does("undo b"))
                .step("c").invoke(ctx -> {
                    if (ctx.lroHandle() == null) {
                        ctx.lroHandle("operation-1");
                        ctx.warn("slow");
                        return StepResult.waitFor(Duration.ofSeconds(5), "waiting");
                    }
                    return StepResult.fail(ErrorCode.AzureError, "it broke");
                })
                .build();
        var inOneGo = new Given(definition.get()).runDue().at(Duration.ofSeconds(5)).runDue();
        var calling = new Given(definition.get()).runDueCallingOutside();

        assertThat(calling.saga.lroHandle).as("kept from the call for the next try").isEqualTo("operation-1");
        calling.at(Duration.ofSeconds(5)).runDueCallingOutside();

        assertThat(calling.saga.status).isEqualTo(SagaInstance.Status.FAILED);
        assertThat(calling.did()).containsExactly("a", "b", "undo b", "undo a").isEqualTo(inOneGo.did());
        assertThat(calling.progress()).isEqualTo(inOneGo.progress());
        assertThat(calling.effects).filteredOn(e -> e instanceof SagaEffect.Progress)
                .extracting(e -> ((SagaEffect.Progress) e).warnings()).contains(List.of("slow"));
        assertThat(((SagaEffect.Failed) calling.last()).message()).isEqualTo("it broke; undone: b, a");
    }

    @Test
    void aFailureAtStepThreeUndoesStepsTwoAndOneInReverseOrder() {
        var given = new Given(saga()
                .step("a").invoke(does("a")).withCompensation().invoke(does("undo a"))
                .step("b").invoke(does("b")).withCompensation().invoke(does("undo b"))
                .step("c").invoke(fails(ErrorCode.ClusterNotFound)).withCompensation().invoke(does("undo c"))
                .step("d").invoke(does("d"))
                .build()).runDue();

        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.FAILED);
        assertThat(given.did()).containsExactly("a", "b", "undo b", "undo a");
        var failed = (SagaEffect.Failed) given.last();
        assertThat(failed.code()).isEqualTo(ErrorCode.ClusterNotFound);
        assertThat(failed.compensated()).containsExactly("b", "a");
        assertThat(failed.message()).isEqualTo("it broke; undone: b, a");
    }

    @Test
    void aStepThatMayHaveHalfDoneItsWorkIsUndoneTooWhenItFails() {
        var given = new Given(saga()
                .step("a").invoke(does("a")).withCompensation().invoke(does("undo a"))
                .step("create").invoke(fails(ErrorCode.AzureError))
                .withCompensation().evenWhenTheStepFailed().invoke(does("delete"))
                .build()).runDue();

        assertThat(given.did()).containsExactly("a", "delete", "undo a");
        assertThat(((SagaEffect.Failed) given.last()).compensated()).containsExactly("create", "a");
    }

    @Test
    void aFatalErrorCompensatesAtOnceWithoutRetrying() {
        int[] calls = {0};
        var given = new Given(saga()
                .step("a").invoke(does("a")).withCompensation().invoke(does("undo a"))
                .step("b").invoke(ctx -> {
                    calls[0]++;
                    throw new IllegalArgumentException("400 InvalidParameter");
                })
                .build()).runDue();

        assertThat(calls[0]).isEqualTo(1);
        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.FAILED);
        assertThat(given.did()).containsExactly("a", "undo a");
        assertThat(((SagaEffect.Failed) given.last()).code()).isEqualTo(ErrorCode.AzureError);
    }

    @Test
    void aRetryableErrorIsRetriedWithGrowingDelaysAndThenGivenUp() {
        int[] calls = {0};
        var given = new Given(saga()
                .step("a").invoke(does("a")).withCompensation().invoke(does("undo a"))
                .step("b").invoke(ctx -> {
                    calls[0]++;
                    throw new IllegalStateException("429 TooManyRequests");
                })
                .build()).runDue();

        assertThat(calls[0]).isEqualTo(1);
        assertThat(given.saga.nextAttemptAt).isEqualTo(T0.plusSeconds(1));
        given.at(Duration.ofSeconds(1)).runDue();
        assertThat(given.saga.nextAttemptAt).isEqualTo(T0.plusSeconds(1 + 2));
        given.at(Duration.ofSeconds(3)).runDue();
        assertThat(given.saga.nextAttemptAt).isEqualTo(T0.plusSeconds(3 + 4));
        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.RUNNING);

        given.at(Duration.ofSeconds(7)).runDue();

        assertThat(calls[0]).isEqualTo(4);
        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.FAILED);
        assertThat(((SagaEffect.Failed) given.last()).message()).startsWith("gave up after 4 tries: 429");
        assertThat(given.did()).containsExactly("a", "undo a");
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsHonoured() {
        var given = new Given(saga()
                .step("a").invoke(ctx -> ctx.attempt() == 1 ? StepResult.retry(Duration.ofSeconds(20), "throttled")
                        : StepResult.done())
                .build()).runDue();

        assertThat(given.saga.nextAttemptAt).isEqualTo(T0.plusSeconds(20));
        given.at(Duration.ofSeconds(19)).runDue();
        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.RUNNING);
        given.at(Duration.ofSeconds(20)).runDue();
        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.SUCCEEDED);
    }

    @Test
    void aWaitingStepPollsWithoutCountingTriesAndReportsOnlyNews() {
        var given = new Given(saga()
                .step("create").invoke(ctx -> ctx.now().isBefore(T0.plusSeconds(5))
                        ? StepResult.waitFor(Duration.ofSeconds(1), "provisioning")
                        : StepResult.done("created"))
                .build()).runDue();
        for (int s = 1; s <= 5; s++) {
            given.at(Duration.ofSeconds(s)).runDue();
        }

        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.SUCCEEDED);
        assertThat(given.progress()).containsExactly("1/1 create: started", "1/1 create: provisioning",
                "1/1 create: done: created");
    }

    /** What Hibernate throws when PostgreSQL closed the pooled connection (it stopped, or restarted meanwhile). */
    private static RuntimeException databaseAway() {
        return new RuntimeException("JDBC exception executing SQL",
                new SQLException("This connection has been closed.", "08003"));
    }

    @Test
    void aCallThatMeetsTheDatabaseAwayIsTriedAgainWithoutSpendingItsRetryBudget() {
        // The classifier every service falls back to, and more database failures in a row than the budget allows.
        SagaMachine real = new SagaMachine(ServiceName.ATTACHER, FailureClassifier::generic);
        int[] calls = {0};
        SagaDefinition<Log> definition = saga()
                .step("a").invoke(does("a")).withCompensation().invoke(does("undo a"))
                .step("b").invoke(ctx -> {
                    if (++calls[0] <= POLICY.maxAttempts() + 2) {
                        throw databaseAway();
                    }
                    ctx.state().did.add("b");
                    return StepResult.done();
                })
                .build();
        SagaInstance saga = SagaMachine.start(definition, UUID.randomUUID(), "ws", "aks1", new Log(), T0);
        Instant now = T0;
        for (int guard = 0; guard < 100 && !saga.finished(); guard++) {
            now = saga.nextAttemptAt.isAfter(now) ? saga.nextAttemptAt : now;
            if (real.begin(saga, definition, now).callsOutside()) {
                real.complete(saga, definition, real.call(saga, definition, now), now);
            }
        }

        assertThat(saga.status).isEqualTo(SagaInstance.Status.SUCCEEDED);
        assertThat(calls[0]).isEqualTo(POLICY.maxAttempts() + 3);
        assertThat(SagaJson.read(saga.state, Log.class).did).containsExactly("a", "b");
    }

    @Test
    void anInlineStepThatMeetsTheDatabaseAwayLeavesTheSagaAsItWasForTheWorkLoop() {
        // Inside the transition's transaction: that transaction cannot commit, so the outage itself must reach the
        // work loop, which neither backs the saga off nor counts a try.
        SagaMachine real = new SagaMachine(ServiceName.ATTACHER, FailureClassifier::generic);
        SagaDefinition<Log> definition = saga()
                .step("a").invokeInline(ctx -> {
                    throw databaseAway();
                })
                .build();
        SagaInstance saga = SagaMachine.start(definition, UUID.randomUUID(), "ws", "aks1", new Log(), T0);

        assertThatThrownBy(() -> real.begin(saga, definition, T0))
                .hasRootCauseInstanceOf(SQLException.class);
        assertThat(saga.status).isEqualTo(SagaInstance.Status.RUNNING);
        assertThat(saga.attempt).isZero();
    }

    @Test
    void onlyASkippedOrLocalStepDueAtOnceMayRunInTheTransactionBeforeIt() {
        var given = new Given(saga()
                .step("azure").invoke(does("azure"))
                .step("skipped").when(log -> false).invoke(does("never"))
                .step("record").invokeInline(does("record"))
                .step("again").invoke(does("again"))
                .step("tls").ask(ParticipantAction.ConfigureTls, ctx -> "payload")
                .build());
        List<Boolean> localAfterEach = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            given.effects.addAll(machine.advance(given.saga, given.definition, given.now));
            localAfterEach.add(machine.nextIsLocal(given.saga, given.definition, given.now));
        }

        // after azure: skipped (yes); after skipped: record (yes, inline); after record: again (yes, only begun there:
        // its call runs after the commit); after again: tls (no, a request to a participant)
        assertThat(localAfterEach).containsExactly(true, true, true, false);
        assertThat(given.did()).containsExactly("azure", "record", "again");
    }

    @Test
    void aParticipantStepAsksWaitsForTheReplyAndIgnoresADuplicate() {
        var given = new Given(saga()
                .step("a").invoke(does("a"))
                .step("tls").ask(ParticipantAction.ConfigureTls, ctx -> "payload")
                .step("c").invoke(does("c"))
                .build()).runDue();

        assertThat(given.requests()).hasSize(1);
        var request = given.requests().get(0).request();
        assertThat(request.replyTo()).isEqualTo(ServiceName.ATTACHER);
        assertThat(request.action()).isEqualTo(ParticipantAction.ConfigureTls);
        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.RUNNING);

        given.at(Duration.ofSeconds(2)).reply(request.requestId(), true, false);
        boolean duplicateAccepted = machine.onReply(given.saga, new SagaReply(given.saga.id, request.requestId(),
                ParticipantAction.ConfigureTls, false, ErrorCode.CertificateInvalid, "late", List.of(), false, null),
                given.now);
        given.runDue();

        assertThat(duplicateAccepted).isFalse();
        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.SUCCEEDED);
        assertThat(given.did()).containsExactly("a", "c");
        // a reply to an old request after the saga finished changes nothing either
        assertThat(machine.onReply(given.saga, new SagaReply(given.saga.id, request.requestId(),
                ParticipantAction.ConfigureTls, true, null, null, List.of(), false, null), given.now)).isFalse();
    }

    @Test
    void aSilentParticipantIsAskedAgainAtTheDeadlineWithTheSameRequestIdThenTimedOutAndCompensated() {
        var given = new Given(saga()
                .step("a").invoke(does("a")).withCompensation().invoke(does("undo a"))
                .step("tls").ask(ParticipantAction.ConfigureTls, ctx -> "payload")
                .build()).runDue();
        // 30 s to reach the participant (this policy's redelivery) and ConfigureTls's worst case of 60 s
        assertThat(given.requests()).singleElement().extracting(r -> r.request().deadline())
                .isEqualTo(T0.plus(Duration.ofSeconds(90)));

        given.at(Duration.ofSeconds(89)).runDue();
        assertThat(given.requests()).hasSize(1);
        given.at(Duration.ofSeconds(90)).runDue();
        assertThat(given.requests()).hasSize(2);
        assertThat(given.requests()).extracting(r -> r.request().requestId()).containsOnly(
                given.requests().get(0).request().requestId());
        given.at(Duration.ofSeconds(149)).runDue();
        assertThat(given.saga.finished()).isFalse();
        given.at(Duration.ofSeconds(150)).runDue(); // the deadline and one worst case more

        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.FAILED);
        var failed = (SagaEffect.Failed) given.last();
        assertThat(failed.code()).isEqualTo(ErrorCode.ParticipantTimeout);
        assertThat(failed.compensated()).containsExactly("a");
        assertThat(given.did()).containsExactly("a", "undo a");
    }

    @Test
    void aTimedOutAskIsUndoneLikeAFinishedOneAndALateReplyChangesNothing() {
        var given = new Given(saga()
                .step("a").invoke(does("a")).withCompensation().invoke(does("undo a"))
                .step("tls").ask(ParticipantAction.ConfigureTls, ctx -> "payload")
                    .withCompensation().invoke(does("remove tls"))
                .build()).runDue();
        UUID request = given.requests().get(0).request().requestId();

        given.at(Duration.ofSeconds(90)).runDue().at(Duration.ofSeconds(150)).runDue();
        given.at(Duration.ofSeconds(151)).reply(request, true, false).runDue();

        var failed = (SagaEffect.Failed) given.last();
        assertThat(failed.code()).isEqualTo(ErrorCode.ParticipantTimeout);
        assertThat(failed.compensated()).containsExactly("tls", "a");
        assertThat(given.did()).containsExactly("a", "remove tls", "undo a");
    }

    @Test
    void aRefusalFromAParticipantCompensatesTheEarlierSteps() {
        var given = new Given(saga()
                .step("a").invoke(does("a")).withCompensation().invoke(does("undo a"))
                .step("tls").ask(ParticipantAction.ConfigureTls, ctx -> "payload")
                .build()).runDue();

        given.at(Duration.ofSeconds(1)).reply(given.requests().get(0).request().requestId(), false, false).runDue();

        var failed = (SagaEffect.Failed) given.last();
        assertThat(failed.code()).isEqualTo(ErrorCode.CertificateInvalid);
        assertThat(given.did()).containsExactly("a", "undo a");
    }

    @Test
    void aStepThatDoesNotApplyIsSkippedAndNotUndone() {
        var given = new Given(saga()
                .step("a").invoke(does("a")).withCompensation().invoke(does("undo a"))
                .step("tls").when(log -> false).invoke(does("tls")).withCompensation().invoke(does("undo tls"))
                .step("c").invoke(fails(ErrorCode.AzureError))
                .build()).runDue();

        assertThat(given.did()).containsExactly("a", "undo a");
        assertThat(given.progress()).contains("2/3 tls: skipped: not needed");
    }

    @Test
    void anUndoThatKeepsFailingIsRetriedUntilItsTimeoutThenReportedAndTheEarlierStepsAreStillUndone() {
        var given = new Given(saga()
                .step("a").invoke(does("a")).withCompensation().invoke(does("undo a"))
                .step("b").invoke(does("b")).withCompensation().leaving(log -> "/clusters/b").invoke(fails(ErrorCode.AzureError))
                .step("c").invoke(fails(ErrorCode.ClusterNotReady))
                .build()).runDue();
        assertThat(given.saga.finished()).isFalse();
        assertThat(given.progress()).anyMatch(p -> p.startsWith("2/3 b: undo try 1 failed (it broke)"));

        given.at(Duration.ofMinutes(1)).runDue();
        assertThat(given.did()).containsExactly("a", "b");
        given.at(Duration.ofMinutes(3)).runDue(); // past the compensation timeout of two minutes

        var failed = (SagaEffect.Failed) given.last();
        assertThat(failed.code()).isEqualTo(ErrorCode.ClusterNotReady);
        assertThat(failed.compensated()).containsExactly("a");
        assertThat(failed.compensationFailed()).containsExactly("b left /clusters/b: it broke");
        assertThat(failed.message()).contains("NOT undone: b left /clusters/b: it broke");
        assertThat(failed.details()).extracting(d -> d.message()).containsExactly("could not undo b: it broke");
        assertThat(given.did()).containsExactly("a", "b", "undo a");
    }

    @Test
    void theRetryBudgetCountsFailuresInARowAndAnAnswerStartsItAgain() {
        int[] calls = {0};
        var given = new Given(saga()
                .step("poll").invoke(ctx -> ++calls[0] % 3 == 0 ? StepResult.waitFor(Duration.ofSeconds(1), "busy")
                        : calls[0] > 30 ? StepResult.done() : StepResult.retry("429"))
                .build());
        for (int minute = 0; minute < 40 && !given.saga.finished(); minute++) {
            given.at(Duration.ofMinutes(minute)).runDue();
        }
        // 20 failures in all, never more than two in a row: the budget of four is never spent
        assertThat(given.saga.status).isEqualTo(SagaInstance.Status.SUCCEEDED);
    }
}
