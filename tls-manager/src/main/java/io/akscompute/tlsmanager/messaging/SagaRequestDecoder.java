package io.akscompute.tlsmanager.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.saga.SagaRequest;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a record of {@code aks.saga.tls-manager.requests}: a CloudEvent {@code akscompute.SagaRequest.v1} in binary
 * mode (also structured, for hand-made records). Never throws: a bad record becomes a reason for the dead-letter
 * topic.
 */
public final class SagaRequestDecoder {
    public static final String CE_TYPE = CloudEventTypes.of("SagaRequest");

    /** Either a request or why there is none. */
    public record Result(SagaRequest request, String reason) {
    }

    private SagaRequestDecoder() {
    }

    public static Result decode(byte[] value, Map<String, String> headers) {
        if (value == null || value.length == 0) {
            return bad("the record has no value; expected a SagaRequest CloudEvent");
        }
        JsonNode data;
        String type;
        String specVersion;
        try {
            JsonNode tree = Json.MAPPER.readTree(value);
            if (headers.containsKey("ce_specversion")) {
                specVersion = headers.get("ce_specversion");
                type = headers.get("ce_type");
                data = tree;
            } else {
                if (tree == null || !tree.isObject()) {
                    return bad("the record is neither a binary-mode CloudEvent (ce_* headers) nor a JSON object");
                }
                specVersion = tree.path("specversion").asText(null);
                type = tree.path("type").asText(null);
                data = tree.get("data");
            }
        } catch (IOException e) {
            return bad("the record is not JSON: " + firstLine(e));
        }
        if (!CloudEventTypes.SPEC_VERSION.equals(specVersion)) {
            return bad("unsupported CloudEvents specversion '" + specVersion + "'; expected 1.0");
        }
        if (!CE_TYPE.equals(type)) {
            return bad("unexpected CloudEvent type '" + type + "'; this topic carries " + CE_TYPE);
        }
        if (data == null || !data.isObject()) {
            return bad("the CloudEvent data is not a JSON object");
        }
        SagaRequest request;
        try {
            request = Json.MAPPER.treeToValue(data, SagaRequest.class);
        } catch (JsonProcessingException e) {
            return bad("the SagaRequest is not valid: " + firstLine(e));
        }
        if (request.action().participant() != ServiceName.TLS_MANAGER) {
            return bad("action " + request.action() + " is carried out by " + request.action().participant().id()
                    + ", not tls-manager");
        }
        return new Result(request, null);
    }

    private static Result bad(String reason) {
        return new Result(null, reason);
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
