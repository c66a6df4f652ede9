package io.akscompute.common.contract;

/** Kafka topic names of the public contract and of the saga request/reply channels. */
public final class Topics {
    public static final String COMMANDS = "aks.commands";
    public static final String COMMANDS_DLQ = "aks.commands.dlq";
    public static final String STATUS = "aks.status";
    /** Compacted, key = location. */
    public static final String VERSIONS = "aks.versions";

    private Topics() {
    }

    public static String sagaRequests(ServiceName participant) {
        return "aks.saga." + participant.id() + ".requests";
    }

    public static String sagaReplies(ServiceName owner) {
        return "aks.saga." + owner.id() + ".replies";
    }
}
