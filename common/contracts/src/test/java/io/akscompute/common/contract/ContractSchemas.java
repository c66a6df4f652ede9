package io.akscompute.common.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import io.akscompute.common.contract.event.CertificateExpiring;
import io.akscompute.common.contract.event.ComputeDriftDetected;
import io.akscompute.common.contract.event.OrphanFound;
import io.akscompute.common.contract.event.CertificateExported;
import io.akscompute.common.contract.event.OperationAccepted;
import io.akscompute.common.contract.event.OperationFailed;
import io.akscompute.common.contract.event.OperationProgress;
import io.akscompute.common.contract.event.OperationSucceeded;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Makes the JSON Schema (draft 2020-12) of each command and status event from its record, exactly as the
 * files under {@code src/main/resources/schemas} are committed. Required properties are the
 * {@code @JsonProperty(required = true)} components; an absent optional property is left out of the JSON
 * (Jackson's NON_NULL inclusion), never written as null; unknown properties are refused, as {@link Json#MAPPER}
 * refuses them.
 */
final class ContractSchemas {
    static final String ID_BASE = "https://akscompute.io/schemas/";
    static final List<Class<? extends Record>> EVENTS = List.of(
            OperationAccepted.class, OperationProgress.class, OperationSucceeded.class, OperationFailed.class,
            LocationVersions.class, CertificateExpiring.class, OrphanFound.class, CertificateExported.class,
            ComputeDriftDetected.class);
    /** Events that are not status events: their topic. */
    private static final Map<Class<?>, String> TOPIC = Map.of(LocationVersions.class,
            "the compacted topic " + Topics.VERSIONS + ", keyed by location");

    private static final Map<Class<?>, String> PURPOSE = Map.ofEntries(
            Map.entry(OperationAccepted.class,
                    "The owning service stored the command; operationId is the command's CloudEvent id."),
            Map.entry(OperationProgress.class,
                    "Step index of count (1-based) of the operation started, finished or is still running; "
                            + "warnings are not failures."),
            Map.entry(OperationSucceeded.class,
                    "The operation finished; compute is the compute as it is now (absent after detach or delete)."),
            Map.entry(OperationFailed.class,
                    "The operation failed with one code of a closed set; details lists every problem "
                            + "(every violation for ValidationFailed) and compensated the finished steps that were "
                            + "undone, in order."),
            Map.entry(LocationVersions.class,
                    "The Kubernetes versions one Azure location offers, published by version-catalog when they "
                            + "change; minor versions newest first, each patch version with its upgrades."),
            Map.entry(CertificateExpiring.class,
                    "A user's own certificate used by this compute expires soon (expired false) or has expired "
                            + "(expired true); the user uploads a renewed one. operation is CertificateExpiry."),
            Map.entry(OrphanFound.class,
                    "A cluster, front end or TLS secret akscompute made that no compute or running operation "
                            + "accounts for: reported when found and again when removed (removed true). operation is "
                            + "OrphanSweep."),
            Map.entry(CertificateExported.class,
                    "An administrator of the workspace exported a certificate with its key (no key material here; "
                            + "authid names who). operation is CertificateExport."),
            Map.entry(ComputeDriftDetected.class,
                    "The attacher's periodic read-back of a compute found its cluster differing from the record "
                            + "(each field expected and actual), or the differences changed; an empty list says the "
                            + "drift is gone. Sent only when the set of differences changes. operation is DriftCheck."));

    private static final Map<CommandType, String> COMMAND_PURPOSE = Map.of(
            CommandType.CREATE_CLUSTER, "Creates a new AKS cluster as inference compute of the workspace "
                    + "(Azure ML's AksCompute.provisioning_configuration).",
            CommandType.DELETE_CLUSTER, "Detaches and deletes a cluster that akscompute created; attached clusters "
                    + "are refused.",
            CommandType.SCALE_CLUSTER, "Changes the node count of a cluster; agentVmSize, when given, must equal "
                    + "the current size.",
            CommandType.ATTACH_CLUSTER, "Attaches an existing AKS cluster, named by resourceId or by resourceGroup + "
                    + "clusterName (Azure ML's AksCompute.attach_configuration).",
            CommandType.DETACH_CLUSTER, "Removes the compute from the workspace; the AKS cluster itself stays.",
            CommandType.UPDATE_CLUSTER, "Changes TLS termination and/or the load balancer of a compute "
                    + "(Azure ML's AksUpdateConfiguration).",
            CommandType.REATTACH_CLUSTER, "Reinstalls the in-cluster components at the current version, keeping "
                    + "registration and TLS.",
            CommandType.RENEW_CERTIFICATE, "Renews the automatically issued certificate of a compute now.",
            CommandType.REFRESH_VERSIONS, "Re-reads the Kubernetes versions Azure offers in the given locations "
                    + "(every configured location when absent or empty).",
            CommandType.REPAIR_COMPUTE, "Puts a drifted compute's front end and TLS secret back as recorded; a "
                    + "changed node count is accepted, a cluster gone from Azure fails with ClusterNotFound.");

    private static final SchemaGenerator GENERATOR = new SchemaGenerator(config());
    private static final ObjectMapper WRITER = new ObjectMapper();

    private ContractSchemas() {
    }

    /** Every command (from {@link CommandType}) and every status event. */
    static List<Class<?>> contracts() {
        List<Class<?>> all = new ArrayList<>();
        for (CommandType type : CommandType.values()) {
            all.add(type.payloadType());
        }
        all.addAll(EVENTS);
        return all;
    }

    static String fileName(Class<?> contract) {
        return contract.getSimpleName() + ".schema.json";
    }

    static ObjectNode generate(Class<?> contract) {
        ObjectNode generated = GENERATOR.generateSchema(contract);
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.set("$schema", generated.remove("$schema"));
        schema.put("$id", ID_BASE + fileName(contract));
        schema.put("title", contract.getSimpleName());
        schema.put("description", describe(contract));
        schema.setAll(generated);
        return schema;
    }

    /** Two-space indent, LF line ends and a final newline, whatever the platform. */
    static String render(ObjectNode schema) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return WRITER.writer(printer).writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Class<?> contract) {
        String name = contract.getSimpleName();
        return CommandType.of(asCommand(contract))
                .map(type -> "Command " + name + " on topic " + Topics.COMMANDS + " (CloudEvent type "
                        + type.cloudEventType() + "), handled by " + type.owner().id() + ". "
                        + COMMAND_PURPOSE.get(type))
                .orElseGet(() -> TOPIC.containsKey(contract)
                        ? "Event " + name + " on " + TOPIC.get(contract) + " (CloudEvent type "
                        + CloudEventTypes.of(name) + "). " + PURPOSE.get(contract)
                        : "Status event " + name + " on topic " + Topics.STATUS + " (CloudEvent type "
                        + CloudEventTypes.of(name) + "). " + PURPOSE.get(contract));
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Command> asCommand(Class<?> contract) {
        return Command.class.isAssignableFrom(contract) ? (Class<? extends Command>) contract : null;
    }

    private static com.github.victools.jsonschema.generator.SchemaGeneratorConfig config() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                // Json.MAPPER fails on unknown properties; the schemas say the same.
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
        builder.forTypesInGeneral().withPropertySorter(
                Comparator.<MemberScope<?, ?>>comparingInt(ContractSchemas::position)
                        .thenComparing(MemberScope::getSchemaPropertyName));
        return builder.build();
    }

    /** Properties in record component order, as Jackson writes them. */
    private static int position(MemberScope<?, ?> member) {
        Class<?> declaring = member.getDeclaringType().getErasedType();
        if (declaring.isRecord()) {
            RecordComponent[] components = declaring.getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(member.getDeclaredName())) {
                    return i;
                }
            }
        }
        return Integer.MAX_VALUE;
    }
}
