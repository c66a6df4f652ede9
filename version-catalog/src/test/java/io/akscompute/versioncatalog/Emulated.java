package io.akscompute.versioncatalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.testing.Azure;
import io.akscompute.emulator.EmulatorControl;

/** Steers the test JVM's Azure emulator; each test gives its own location its own versions (an override). */
final class Emulated {
    private Emulated() {
    }

    static EmulatorControl control() {
        return Azure.emulator().control();
    }

    /** Replaces what the emulator offers in one location only ({@code values} in the kubernetesVersions shape). */
    static synchronized void offer(String location, JsonNode values) {
        ObjectNode dataSet = (ObjectNode) control().versions().deepCopy();
        ObjectNode overrides = dataSet.has("overrides") && dataSet.get("overrides").isObject()
                ? (ObjectNode) dataSet.get("overrides") : dataSet.putObject("overrides");
        overrides.putObject(location).set("values", values.deepCopy());
        control().replaceVersions(dataSet);
    }
}
