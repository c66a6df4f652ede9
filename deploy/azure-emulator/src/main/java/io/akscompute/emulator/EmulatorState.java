package io.akscompute.emulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the emulator keeps across a restart, written as {@code state.json} in the state directory
 * after every change. Kubernetes objects inside clusters are not part of it (see {@link KubernetesApis}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class EmulatorState {

    static final String FILE = "state.json";

    /** Resource groups as ARM shows them, keyed by lower-case {@code subscription/resourceGroup}. */
    public Map<String, ObjectNode> resourceGroups = new LinkedHashMap<>();
    /** Managed clusters, keyed by lower-case {@code subscription/resourceGroup/name}. */
    public Map<String, StoredCluster> clusters = new LinkedHashMap<>();
    /** Virtual networks as ARM shows them (subnets inside), keyed by lower-case {@code subscription/resourceGroup/name}. */
    public Map<String, ObjectNode> virtualNetworks = new LinkedHashMap<>();
    /** Long-running operations, running and recently finished, keyed by operation id. */
    public Map<String, AsyncOperation> operations = new LinkedHashMap<>();
    public EmulatorSettings settings;
    /** The version data set if someone replaced it; null means the built-in one. */
    public JsonNode versions;

    /** A managed cluster: its ARM representation plus what only the emulator knows. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class StoredCluster {
        public String subscriptionId;
        public String resourceGroup;
        public ObjectNode resource;
        public String adminToken;
        public String userToken;
    }

    /** One ARM long-running operation, polled through {@code Azure-AsyncOperation} or {@code Location}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class AsyncOperation {
        public String id;
        /** The ARM operation id that started it, e.g. {@code ManagedClusters_Delete}. */
        public String operation;
        public String subscriptionId;
        public String location;
        /** Key of the cluster or resource group it works on. */
        public String target;
        /** Name of the agent pool, for agent pool operations. */
        public String agentPool;
        public String apiVersion;
        public String status = "InProgress";
        public long startMillis;
        public long dueMillis;
        public long endMillis;
        /** Set when the operation is to end (or has ended) Failed. */
        public String errorCode;
        public String errorMessage;

        boolean running() {
            return "InProgress".equals(status);
        }
    }

    static EmulatorState load(Path dir, ObjectMapper json) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return new EmulatorState();
        }
        try {
            return json.readValue(file.toFile(), EmulatorState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the emulator state " + file, e);
        }
    }

    /** Writes to a temporary file first, so a crash never leaves half a state behind. */
    void save(Path dir, ObjectMapper json) {
        write(dir, serialize(json));
    }

    byte[] serialize(ObjectMapper json) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the emulator state", e);
        }
    }

    static void write(Path dir, byte[] content) {
        Path file = dir.resolve(FILE);
        try {
            writeWhole(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the emulator state " + file, e);
        }
    }

    /** Writes beside {@code file}, then moves it in: a reader, or the next start after a crash, never sees half. */
    static void writeWhole(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
