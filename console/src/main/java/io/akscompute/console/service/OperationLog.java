package io.akscompute.console.service;

import io.akscompute.client.Operation;
import io.akscompute.common.contract.Command;
import io.akscompute.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The operations started from this console, newest kept: their pages follow them live through the client. An
 * operation no longer kept (or started elsewhere) is shown from the services' {@code GET /operations/{id}}.
 */
@ApplicationScoped
public class OperationLog {

    /** One operation as started here. */
    public record Started(Operation operation, String workspace, String computeName, String by, Instant at) {
        public String type() {
            return operation.type().typeName();
        }
    }

    @Inject
    Suite suite;

    @Inject
    ConsoleConfig config;

    private final Map<UUID, Started> kept = new LinkedHashMap<>();

    /** Publishes the command with the user's token and keeps its operation. */
    public Started start(Command command, String by) {
        Operation operation = suite.client().submit(command);
        Started started = new Started(operation, command.workspace(), command.computeName(), by, Instant.now());
        synchronized (kept) {
            kept.put(operation.id(), started);
            var oldest = kept.keySet().iterator();
            while (kept.size() > config.keptOperations()) {
                oldest.next();
                oldest.remove();
            }
        }
        return started;
    }

    public Optional<Started> find(UUID id) {
        synchronized (kept) {
            return Optional.ofNullable(kept.get(id));
        }
    }

    /** The kept operations on this compute, newest first. */
    public List<Started> of(String workspace, String computeName) {
        List<Started> list = new ArrayList<>();
        synchronized (kept) {
            kept.values().stream().filter(s -> s.workspace().equals(workspace) && computeName.equals(s.computeName()))
                    .forEach(list::add);
        }
        list.sort(Comparator.comparing(Started::at).reversed());
        return list;
    }
}
