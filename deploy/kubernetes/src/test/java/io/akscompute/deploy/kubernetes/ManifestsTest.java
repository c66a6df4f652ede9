package io.akscompute.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;

/** The models are strict: what a kind does not have, or a value of the wrong type, fails. */
class ManifestsTest {
    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              replicas: %s
              selector:
                matchLabels: {app: d}
              template:
                metadata:
                  labels: {app: d}
                spec:
                  containers:
                    - name: d
                      image: d:1
                      %s
            """;
    static final String TOPIC = """
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaTopic
            metadata:
              name: t
            spec:
              partitions: 3
              %s
            """;
    static final String CLUSTER = """
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata:
              name: db
            spec:
              instances: 1
              storage:
                size: 1Gi
              %s
            """;

    @Test
    void wellFormedDocumentsParse() {
        Manifests m = Manifests.parse(DEPLOYMENT.formatted("2", "imagePullPolicy: Always") + "---\n"
                + TOPIC.formatted("replicas: 3") + "---\n" + CLUSTER.formatted("primaryUpdateStrategy: supervised"));
        assertThat(m.one(Deployment.class, "d").getSpec().getReplicas()).isEqualTo(2);
        assertThat(m.one(KafkaTopic.class, "t").getSpec().getReplicas()).isEqualTo(3);
        assertThat(m.postgres("Cluster")).hasSize(1);
    }

    @Test
    void aFieldTheModelDoesNotHaveFails() {
        assertThatThrownBy(() -> Manifests.parse(DEPLOYMENT.formatted("2", "imagePullPolicyy: Always")))
                .hasMessageContaining("imagePullPolicyy");
        assertThatThrownBy(() -> Manifests.parse(TOPIC.formatted("replicationFactor: 3")))
                .hasMessageContaining("replicationFactor");
        assertThatThrownBy(() -> Manifests.parse(CLUSTER.formatted("postInitSql: [\"select 1\"]")))
                .hasMessageContaining("postInitSql");
    }

    @Test
    void aValueOfTheWrongTypeFails() {
        assertThatThrownBy(() -> Manifests.parse(DEPLOYMENT.formatted("\"two\"", "imagePullPolicy: Always")))
                .hasMessageContaining("Deployment d");
        assertThatThrownBy(() -> Manifests.parse(DEPLOYMENT.formatted("\"2\"", "imagePullPolicy: Always")))
                .hasMessageContaining("Deployment d");
        assertThatThrownBy(() -> Manifests.parse(CLUSTER.formatted("instances: \"1\"").replace("  instances: 1\n", "")))
                .hasMessageContaining("Cluster db");
    }

    @Test
    void anUnknownKindFails() {
        assertThatThrownBy(() -> Manifests.parse("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"))
                .hasMessageContaining("no model or schema");
    }
}
