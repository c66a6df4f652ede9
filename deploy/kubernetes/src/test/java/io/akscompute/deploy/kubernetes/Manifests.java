package io.akscompute.deploy.kubernetes;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rendered overlay, every document read strictly into its model: Kubernetes kinds into fabric8's classes, Strimzi's
 * into io.strimzi:api's, CloudNativePG's against a JSON Schema of the fields used (test resources, cloudnative-pg/).
 * Strict: a field the model does not have fails (the models' catch-all "additionalProperties" is switched off), as
 * does a value of the wrong type (no coercion of "3" to 3) or a kind nobody here knows.
 */
final class Manifests {
    /** Kinds and their classes, by apiVersion/kind. */
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));
    /** CloudNativePG publishes no Java model: JSON Schemas of the fields used, by apiVersion/kind. */
    private static final Map<String, String> SCHEMAS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "cloudnative-pg/cluster.schema.json",
            "postgresql.cnpg.io/v1/Database", "cloudnative-pg/database.schema.json");

    static final ObjectMapper STRICT = strictMapper();
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());

    /** Typed documents (fabric8, Strimzi) and the CloudNativePG ones as validated trees. */
    final List<HasMetadata> typed = new ArrayList<>();
    final List<JsonNode> postgres = new ArrayList<>();
    final List<JsonNode> raw = new ArrayList<>();

    static ObjectMapper strictMapper() {
        SimpleModule noCatchAll = new SimpleModule("no-additional-properties");
        noCatchAll.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                // fabric8's and Strimzi's models keep unknown fields in a map (@JsonAnySetter); here they fail.
                builder.setAnySetter(null);
                return builder;
            }
        });
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(noCatchAll)
                .build();
    }

    static Manifests parse(String yaml) {
        Manifests m = new Manifests();
        List<String> problems = new ArrayList<>();
        try {
            for (JsonNode doc : YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll()) {
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                m.raw.add(doc);
                String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                String name = key + " " + doc.path("metadata").path("name").asText();
                Class<? extends HasMetadata> model = MODELS.get(key);
                String schema = SCHEMAS.get(key);
                if (model != null) {
                    try {
                        m.typed.add(STRICT.treeToValue(doc, model));
                    } catch (IOException e) {
                        problems.add(name + ": " + e.getMessage());
                    }
                } else if (schema != null) {
                    Set<ValidationMessage> errors = schema(schema).validate(doc);
                    if (errors.isEmpty()) {
                        m.postgres.add(doc);
                    } else {
                        problems.add(name + ": " + errors.stream().map(ValidationMessage::getMessage)
                                .sorted().collect(Collectors.joining("; ")));
                    }
                } else {
                    problems.add(name + ": no model or schema for this kind here (add one to Manifests)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("documents that do not fit their model:\n  " + String.join("\n  ", problems));
        }
        return m;
    }

    static JsonSchema schema(String resource) {
        try (InputStream in = Manifests.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return typed.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> found = all(type).stream().filter(r -> name.equals(r.getMetadata().getName())).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    List<JsonNode> postgres(String kind) {
        return postgres.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }
}
