package io.akscompute.common.contract;

/** A command published on {@code aks.commands}; the CloudEvent's data. */
public interface Command {
    String workspace();

    /** The compute the command is about; commands that are not about one compute return a stable pseudo-name. */
    String computeName();

    default String key() {
        return CloudEventTypes.key(workspace(), computeName());
    }

    default String subject() {
        return CloudEventTypes.subject(workspace(), computeName());
    }
}
