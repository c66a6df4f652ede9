package io.akscompute.common.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.akscompute.common.contract.command.CreateCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed JSON Schemas are generated from the contract records, and events written by {@link Json#MAPPER}
 * validate against them.
 * After changing a record, regenerate with
 * {@code mvn -pl common test -Dtest=ContractSchemaTest -Dschemas.update=true} and commit the files.
 */
class ContractSchemaTest {
    private static final boolean UPDATE = Boolean.getBoolean("schemas.update");
    private static final Path SCHEMA_DIR =
            Path.of(System.getProperty("basedir", "."), "src", "main", "resources", "schemas");
    private static final String REGENERATE =
            "mvn -pl common test -Dtest=ContractSchemaTest -Dschemas.update=true";

    /** The one mapping the services use: ISO-8601 dates, absent instead of null, strict on input. */
    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static Stream<Class<?>> contracts() {
        return ContractSchemas.contracts().stream();
    }

    static Stream<Arguments> requiredProperties() {
        List<Arguments> arguments = new ArrayList<>();
        for (Class<?> contract : ContractSchemas.contracts()) {
            ContractSchemas.generate(contract).path("required")
                    .forEach(name -> arguments.add(Arguments.of(contract, name.asText())));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void committedSchemaMatchesTheRecord(Class<?> contract) throws IOException {
        String generated = ContractSchemas.render(ContractSchemas.generate(contract));
        Path file = SCHEMA_DIR.resolve(ContractSchemas.fileName(contract));
        if (UPDATE) {
            Files.createDirectories(SCHEMA_DIR);
            Files.writeString(file, generated);
            return;
        }
        assertThat(file).as("%s is missing; generate it with: %s", file, REGENERATE).exists();
        assertThat(Files.readString(file).replace("\r\n", "\n"))
                .as("%s is out of date with %s; regenerate it with: %s", file, contract.getName(), REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void noSchemaFileWithoutAContract() throws IOException {
        List<String> expected = ContractSchemas.contracts().stream().map(ContractSchemas::fileName).toList();
        try (Stream<Path> files = Files.list(SCHEMA_DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("schema files in %s", SCHEMA_DIR)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void schemaIsValidDraft202012(Class<?> contract) {
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(metaSchema.validate(ContractSchemas.generate(contract))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void sampleValidatesAndReadsBack(Class<?> contract) throws IOException {
        Object sample = ContractSamples.of(contract);
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(sample));

        Set<ValidationMessage> errors = schema(contract).validate(json);

        assertThat(errors).as("%s sample %s", contract.getSimpleName(), json).isEmpty();
        assertThat(MAPPER.treeToValue(json, contract)).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredProperties")
    void sampleWithoutARequiredPropertyFails(Class<?> contract, String property) throws IOException {
        ObjectNode json = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(ContractSamples.of(contract)));
        assertThat(json.has(property)).isTrue();
        json.remove(property);

        assertThat(schema(contract).validate(json))
                .extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("required", property));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void unknownPropertyIsRefusedBySchemaAndMapper(Class<?> contract) throws IOException {
        ObjectNode json = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(ContractSamples.of(contract)));
        json.put("agentcount", 3);

        assertThat(schema(contract).validate(json)).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("agentcount"));
        assertThatThrownBy(() -> MAPPER.treeToValue(json, contract)).hasMessageContaining("agentcount");
    }

    @Test
    void everyCommandRequiresItsWorkspaceAndEveryComputeCommandItsName() {
        for (CommandType type : CommandType.values()) {
            List<String> required = new ArrayList<>();
            ContractSchemas.generate(type.payloadType()).path("required").forEach(n -> required.add(n.asText()));
            assertThat(required).as(type.typeName()).contains("workspace");
            if (type != CommandType.REFRESH_VERSIONS) {
                assertThat(required).as(type.typeName()).contains("computeName");
            }
        }
    }

    @Test
    void schemaSpellsPropertiesAsJacksonDoesAndListsEnums() throws IOException {
        ObjectNode schema = ContractSchemas.generate(CreateCluster.class);
        assertThat(schema.path("$id").asText()).isEqualTo("https://akscompute.io/schemas/CreateCluster.schema.json");
        assertThat(schema.path("title").asText()).isEqualTo("CreateCluster");
        assertThat(schema.path("description").asText()).contains("akscompute.CreateCluster.v1", "provisioner");
        JsonNode properties = schema.path("properties");
        assertThat(properties.path("aksNetworkingConfiguration").path("properties").has("dnsServiceIP")).isTrue();
        assertThat(properties.path("aksNetworkingConfiguration").path("properties").has("dnsServiceIp")).isFalse();
        assertThat(properties.path("clusterPurpose").path("enum").toString()).contains("\"FastProd\"", "\"DenseProd\"",
                "\"DevTest\"");

        ObjectNode json = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(ContractSamples.of(CreateCluster.class)));
        json.put("clusterPurpose", "Production");
        assertThat(schema(CreateCluster.class).validate(json)).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("clusterPurpose"));
    }

    private static JsonSchema schema(Class<?> contract) {
        return FACTORY.getSchema(ContractSchemas.generate(contract));
    }
}
