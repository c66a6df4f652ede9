package io.akscompute.common.participant;

import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.saga.StepResult;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a service does as a participant in other services' sagas, read as a list of actions, each with the type of
 * its request and, where it has one, the action that undoes it:
 *
 * <pre>
 * ParticipantDefinition.builder()
 *     .onInline(ReserveName, ReserveName.class, names::reserve)
 *         .undoneByInline(ReleaseName, ReleaseName.class, names::release)
 *     .on(ConfigureTls, ConfigureTls.class, this::configure)
 *     .build();
 * </pre>
 *
 * The runtime ({@link ParticipantRuntime}) decodes each request into its type, deduplicates it, works it off
 * durably (a handler may ask to be called again later, e.g. while a load balancer gets its address), retries what
 * the failure classifier calls transient, and replies to the saga's owner through the outbox.
 */
public final class ParticipantDefinition {

    /** Carries out one request; returns Done (with the reply's result), Wait, Retry or Fail. Safe to run again. */
    @FunctionalInterface
    public interface Handler<R> {
        StepResult handle(ParticipantContext<R> request) throws Exception;
    }

    /**
     * One action: its request type, its handler, the action that undoes it (or null), and whether the handler works
     * on this service's database only ({@code inline}: it runs in the transaction that records its reply) or calls
     * outside (a cluster, Azure: it runs with no transaction open, see {@link ParticipantRuntime}).
     */
    public record Action<R>(ParticipantAction action, Class<R> requestType, Handler<R> handler,
            ParticipantAction undoneBy, boolean inline) {
    }

    private final Map<ParticipantAction, Action<?>> actions;

    private ParticipantDefinition(Map<ParticipantAction, Action<?>> actions) {
        this.actions = Collections.unmodifiableMap(new EnumMap<>(actions));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Action<?>> action(ParticipantAction action) {
        return Optional.ofNullable(actions.get(action));
    }

    public Map<ParticipantAction, Action<?>> actions() {
        return actions;
    }

    public static final class Builder {
        private final Map<ParticipantAction, Action<?>> actions = new EnumMap<>(ParticipantAction.class);
        private ParticipantAction last;

        private Builder() {
        }

        /** An action whose handler calls outside this service; its database work opens short transactions. */
        public <R> Builder on(ParticipantAction action, Class<R> requestType, Handler<R> handler) {
            return declare(action, requestType, handler, false);
        }

        /** An action whose handler works on this service's database only, in the transaction of its reply. */
        public <R> Builder onInline(ParticipantAction action, Class<R> requestType, Handler<R> handler) {
            return declare(action, requestType, handler, true);
        }

        private <R> Builder declare(ParticipantAction action, Class<R> requestType, Handler<R> handler,
                boolean inline) {
            if (actions.putIfAbsent(action, new Action<>(action, requestType, handler, null, inline)) != null) {
                throw new IllegalStateException(action + " is declared twice");
            }
            last = action;
            return this;
        }

        /** The action just declared is undone by this one (a compensation of the owner's saga), calling outside. */
        public <U> Builder undoneBy(ParticipantAction undo, Class<U> requestType, Handler<U> handler) {
            return undo(undo, requestType, handler, false);
        }

        /** Like {@link #undoneBy}, for an undo that works on this service's database only. */
        public <U> Builder undoneByInline(ParticipantAction undo, Class<U> requestType, Handler<U> handler) {
            return undo(undo, requestType, handler, true);
        }

        private <U> Builder undo(ParticipantAction undo, Class<U> requestType, Handler<U> handler, boolean inline) {
            if (last == null) {
                throw new IllegalStateException("undoneBy follows the action it undoes");
            }
            Action<?> undone = actions.get(last);
            actions.put(last, withUndo(undone, undo));
            declare(undo, requestType, handler, inline);
            return this;
        }

        private static <R> Action<R> withUndo(Action<R> a, ParticipantAction undo) {
            return new Action<>(a.action(), a.requestType(), a.handler(), undo, a.inline());
        }

        public ParticipantDefinition build() {
            return new ParticipantDefinition(actions);
        }
    }
}
