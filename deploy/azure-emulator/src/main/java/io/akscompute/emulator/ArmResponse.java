package io.akscompute.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an ARM call answers: status, optional JSON body, extra headers (Azure-AsyncOperation, Retry-After...). */
record ArmResponse(int status, JsonNode body, Map<String, String> headers) {

    static ArmResponse of(int status, JsonNode body) {
        return new ArmResponse(status, body, new LinkedHashMap<>());
    }

    static ArmResponse empty(int status) {
        return of(status, null);
    }

    ArmResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
