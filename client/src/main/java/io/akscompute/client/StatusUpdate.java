package io.akscompute.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of {@code aks.status} as a user sees it.
 *
 * @param key         {@code <workspace>/<computeName>}
 * @param type        the event's name, e.g. {@code OperationProgress} (the CloudEvent type without prefix and version)
 * @param operationId the operation it belongs to (the command's id), null for notices of no operation
 * @param data        the event's data, null when the record could not be read
 */
public record StatusUpdate(String key, String type, String operationId, JsonNode data) {
    public static final String ACCEPTED = "OperationAccepted";
    public static final String PROGRESS = "OperationProgress";
    public static final String SUCCEEDED = "OperationSucceeded";
    public static final String FAILED = "OperationFailed";

    static StatusUpdate of(ConsumerRecord<String, byte[]> r) {
        CloudEventRecords.Read read = CloudEventRecords.read(r.headers(), r.value());
        if (read instanceof CloudEventRecords.Event e) {
            return new StatusUpdate(r.key(), name(e.event().getType()),
                    CloudEventRecords.extension(e.event(), CloudEventTypes.EXT_CORRELATION_ID), e.data());
        }
        return new StatusUpdate(r.key(), name(read.seen().type()), read.seen().correlationId(), null);
    }

    /** {@code akscompute.OperationProgress.v1} -> {@code OperationProgress}. */
    static String name(String ceType) {
        return ceType == null ? "?" : ceType.replace("akscompute.", "").replace(".v1", "");
    }

    /** The end of an operation: succeeded or failed. */
    public boolean isOutcome() {
        return SUCCEEDED.equals(type) || FAILED.equals(type);
    }

    /** The data as its contract record, e.g. {@code as(OperationProgress.class)}. */
    public <T> T as(Class<T> contract) {
        if (data == null) {
            throw new IllegalStateException(type + " on " + key + " has no readable data");
        }
        try {
            return Json.MAPPER.treeToValue(data, contract);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(type + " is not a " + contract.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
