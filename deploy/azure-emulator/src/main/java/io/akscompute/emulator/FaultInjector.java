package io.akscompute.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Holds the injected faults and hands each out as many times as it was asked for. In memory only. */
final class FaultInjector {

    private final List<Fault> faults = new ArrayList<>();

    synchronized void add(Fault fault) {
        faults.add(fault);
    }

    synchronized List<Fault> active() {
        return List.copyOf(faults);
    }

    synchronized void clear() {
        faults.clear();
    }

    /** Takes one use of the first fault of this kind for this operation and path, if there is one. */
    synchronized Optional<Fault> take(String operation, Fault.Kind kind, String path) {
        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            if (fault.kind() == kind && fault.operation().equalsIgnoreCase(operation) && fault.appliesTo(path)) {
                if (fault.times() <= 1) {
                    faults.remove(i);
                } else {
                    faults.set(i, fault.withTimes(fault.times() - 1));
                }
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }
}
