package io.akscompute.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
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
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders deploy/kubernetes/overlays/local and .../production with kubectl (offline) and checks them against the
 * models of their kinds and against the code: the topics it defines, the settings each service reads, its port,
 * database and image, what production needs (three replicas, PDBs, HPAs) and that no Secret is written out.
 */
class KubernetesManifestsTest {
    static final List<String> SERVICES = Arrays.stream(ServiceName.values()).map(ServiceName::id).toList();
    static Manifests local;
    static Manifests production;

    @BeforeAll
    static void render() {
        local = Manifests.parse(Kustomize.render(Repo.kubernetes().resolve("overlays/local")));
        production = Manifests.parse(Kustomize.render(Repo.kubernetes().resolve("overlays/production")));
    }

    static List<Manifests> overlays() {
        return List.of(local, production);
    }

    // --- Kafka

    /** Every topic the code uses: Topics.all() and every channel and dead-letter topic of the services' settings. */
    static Set<String> topicsTheCodeUses() {
        Set<String> topics = new TreeSet<>();
        Topics.all().forEach(d -> topics.add(d.name()));
        for (String service : SERVICES) {
            Map<String, String> config = Repo.prodConfig(service);
            config.forEach((k, v) -> {
                if (k.startsWith("mp.messaging.") && (k.endsWith(".topic") || k.endsWith(".dead-letter-queue.topic"))) {
                    topics.add(Repo.expand(v, config));
                }
            });
        }
        return topics;
    }

    @Test
    void everyTopicTheCodeUsesIsAKafkaTopicAsTopicsDefinesIt() {
        Map<String, KafkaTopic> byName = new LinkedHashMap<>();
        production.all(KafkaTopic.class).forEach(t -> byName.put(topicName(t), t));
        assertThat(byName.keySet()).as("KafkaTopics").containsExactlyInAnyOrderElementsOf(topicsTheCodeUses());
        for (Topics.Definition d : Topics.all()) {
            KafkaTopic t = byName.get(d.name());
            assertThat(t.getSpec().getPartitions()).as(d.name() + " partitions").isEqualTo(d.partitions());
            assertThat(t.getSpec().getReplicas()).as(d.name() + " replicas").isEqualTo((int) d.replicationFactor());
            Map<String, String> config = stringConfig(t);
            assertThat(config).as(d.name() + " config").containsAllEntriesOf(d.configs())
                    .containsEntry("min.insync.replicas", String.valueOf(d.minInsyncReplicas()));
        }
        assertThat(byName.get(Topics.VERSIONS).getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void localTopicsFitItsSingleBrokerWithTheSamePartitions() {
        int brokers = local.all(KafkaNodePool.class).stream().mapToInt(p -> p.getSpec().getReplicas()).sum();
        assertThat(brokers).isEqualTo(1);
        Map<String, Integer> partitions = Topics.all().stream()
                .collect(Collectors.toMap(Topics.Definition::name, Topics.Definition::partitions));
        for (KafkaTopic t : local.all(KafkaTopic.class)) {
            assertThat(t.getSpec().getReplicas()).as(topicName(t)).isEqualTo(1);
            assertThat(stringConfig(t)).as(topicName(t)).containsEntry("min.insync.replicas", "1");
            if (partitions.containsKey(topicName(t))) {
                assertThat(t.getSpec().getPartitions()).as(topicName(t)).isEqualTo(partitions.get(topicName(t)));
            }
        }
    }

    @Test
    void kafkaRunsInKraftWithNodePoolsScramAndAclsAndTheProductionReplication() {
        for (Manifests m : overlays()) {
            Kafka kafka = m.all(Kafka.class).get(0);
            assertThat(m.all(Kafka.class)).hasSize(1);
            assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                    .containsEntry("strimzi.io/node-pools", "enabled");
            assertThat(kafka.getSpec().getZookeeper()).isNull();
            assertThat(kafka.getSpec().getKafka().getAuthorization()).isNotNull();
            assertThat(kafka.getSpec().getKafka().getListeners()).allSatisfy(l -> {
                assertThat(l.isTls()).as(l.getName() + " TLS").isTrue();
                assertThat(l.getAuth()).as(l.getName() + " authentication").isNotNull();
            });
            assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("auto.create.topics.enable", false);
            String cluster = kafka.getMetadata().getName();
            for (var r : m.typed) {
                if (r instanceof KafkaTopic || r instanceof KafkaUser || r instanceof KafkaNodePool) {
                    assertThat(r.getMetadata().getLabels()).as(r.getKind() + " " + r.getMetadata().getName())
                            .containsEntry("strimzi.io/cluster", cluster);
                }
            }
            assertThat(m.all(KafkaNodePool.class)).allSatisfy(p -> assertThat(p.getSpec().getRoles())
                    .extracting(Object::toString).containsExactlyInAnyOrder("CONTROLLER", "BROKER"));
        }
        int brokers = production.all(KafkaNodePool.class).stream().mapToInt(p -> p.getSpec().getReplicas()).sum();
        assertThat(brokers).isGreaterThanOrEqualTo(3);
    }

    @Test
    void eachServiceReadsAndWritesOnlyItsTopicsAndGroups() {
        Set<String> known = topicsTheCodeUses();
        Map<String, Acl> acls = new LinkedHashMap<>();
        for (KafkaUser user : production.all(KafkaUser.class)) {
            assertThat(user.getSpec().getAuthentication()).as(user.getMetadata().getName())
                    .isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
            Acl acl = Acl.of(user);
            assertThat(acl.topics()).as(user.getMetadata().getName() + " topics").isSubsetOf(known);
            acls.put(user.getMetadata().getName(), acl);
        }
        assertThat(acls.keySet()).containsExactlyInAnyOrderElementsOf(
                concat(SERVICES.stream().map(s -> "akscompute-" + s).toList(), List.of("akscompute-clients")));
        for (String service : SERVICES) {
            Acl acl = acls.get("akscompute-" + service);
            Map<String, String> config = Repo.prodConfig(service);
            // what its channels read, in which group; where they dead-letter
            config.forEach((k, v) -> {
                if (k.startsWith("mp.messaging.incoming.") && k.endsWith(".topic") && !k.contains("dead-letter")) {
                    String channel = k.substring(0, k.length() - ".topic".length());
                    String topic = Repo.expand(v, config);
                    assertThat(acl.may(AclOperation.READ, topic)).as(service + " reads " + topic).isTrue();
                    String group = Repo.expand(config.get(channel + ".group.id"), config).replace("${quarkus.uuid}", "x");
                    assertThat(acl.mayReadGroup(group)).as(service + " joins group " + group).isTrue();
                }
                if (k.endsWith(".dead-letter-queue.topic")) {
                    String topic = Repo.expand(v, config);
                    assertThat(acl.may(AclOperation.WRITE, topic)).as(service + " dead-letters to " + topic).isTrue();
                }
            });
            assertThat(acl.may(AclOperation.WRITE, Topics.STATUS)).as(service + " writes status").isTrue();
            assertThat(acl.may(AclOperation.WRITE, Topics.COMMANDS)).as(service + " writes no command").isFalse();
            // no other service's group
            for (String other : SERVICES) {
                if (!other.equals(service)) {
                    assertThat(acl.mayReadGroup("akscompute-" + other)).as(service + " in " + other + "'s group").isFalse();
                    assertThat(acl.may(AclOperation.READ, Topics.sagaRequests(ServiceName.fromId(other).orElseThrow())))
                            .as(service + " reads " + other + "'s requests").isFalse();
                }
            }
        }
        // every participant is asked by someone and answers someone
        for (ParticipantAction action : ParticipantAction.values()) {
            String requests = Topics.sagaRequests(action.participant());
            assertThat(acls.values()).as("someone writes " + requests).anyMatch(a -> a.may(AclOperation.WRITE, requests));
            Acl participant = acls.get("akscompute-" + action.participant().id());
            assertThat(participant.topics()).as(action.participant().id() + " answers")
                    .anyMatch(t -> t.endsWith(".replies") && participant.may(AclOperation.WRITE, t));
        }
        Acl version = acls.get("akscompute-" + ServiceName.VERSION_CATALOG.id());
        assertThat(version.may(AclOperation.WRITE, Topics.VERSIONS)).as("version-catalog publishes versions").isTrue();
        assertThat(acls.values().stream().filter(a -> a.may(AclOperation.WRITE, Topics.VERSIONS)).count())
                .as("only version-catalog writes " + Topics.VERSIONS).isEqualTo(1);
        Acl clients = acls.get("akscompute-clients");
        assertThat(clients.may(AclOperation.WRITE, Topics.COMMANDS)).isTrue();
        assertThat(clients.may(AclOperation.READ, Topics.STATUS)).isTrue();
        assertThat(clients.may(AclOperation.READ, Topics.VERSIONS)).isTrue();
        assertThat(clients.writes()).containsExactly(Topics.COMMANDS);
        assertThat(clients.mayReadGroup(Topics.CLIENT_GROUP_PREFIX + "0b6f"))
                .as("a client's status watcher, as the client names its group").isTrue();
        assertThat(clients.mayReadGroup("akscompute-attacher")).as("a service's group").isFalse();
    }

    /** A KafkaUser's ACLs: literal topic names and group names or prefixes. */
    record Acl(List<AclRule> rules) {
        static Acl of(KafkaUser user) {
            assertThat(user.getSpec().getAuthorization()).isInstanceOf(KafkaUserAuthorizationSimple.class);
            List<AclRule> rules = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();
            for (AclRule r : rules) {
                if (r.getResource() instanceof AclRuleTopicResource t) {
                    assertThat(t.getPatternType()).as("topic ACLs name topics").isEqualTo(AclResourcePatternType.LITERAL);
                    assertThat(t.getName()).isNotEqualTo("*");
                } else {
                    assertThat(r.getResource()).as("only topic and group ACLs").isInstanceOf(AclRuleGroupResource.class);
                }
            }
            return new Acl(rules);
        }

        Set<String> topics() {
            return rules.stream().filter(r -> r.getResource() instanceof AclRuleTopicResource)
                    .map(r -> ((AclRuleTopicResource) r.getResource()).getName()).collect(Collectors.toCollection(TreeSet::new));
        }

        Set<String> writes() {
            return topics().stream().filter(t -> may(AclOperation.WRITE, t)).collect(Collectors.toCollection(TreeSet::new));
        }

        boolean may(AclOperation op, String topic) {
            return rules.stream().anyMatch(r -> r.getResource() instanceof AclRuleTopicResource t
                    && t.getName().equals(topic) && r.getOperations().contains(op));
        }

        boolean mayReadGroup(String group) {
            return rules.stream().anyMatch(r -> r.getResource() instanceof AclRuleGroupResource g
                    && r.getOperations().contains(AclOperation.READ)
                    && (g.getPatternType() == AclResourcePatternType.PREFIX ? group.startsWith(g.getName())
                            : group.equals(g.getName())));
        }
    }

    // --- the services

    static int httpPort(String service) {
        return Integer.parseInt(Repo.prodConfig(service).get("quarkus.http.port"));
    }

    static Container container(Manifests m, String service) {
        Deployment d = m.one(Deployment.class, service);
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as(service).hasSize(1);
        assertThat(containers.get(0).getName()).isEqualTo(service);
        return containers.get(0);
    }

    @Test
    void eachServiceRunsOnItsPortWithProbesOnItsHealthPaths() {
        // HTTPS only in the prod profile the images run (plain HTTP is refused): probes speak HTTPS.
        String scheme = "disabled".equals(Repo.prodConfig(SERVICES.get(0)).get("quarkus.http.insecure-requests"))
                ? "HTTPS" : "HTTP";
        for (Manifests m : overlays()) {
            assertThat(m.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                    .containsExactlyInAnyOrderElementsOf(SERVICES);
            for (String service : SERVICES) {
                int port = httpPort(service);
                assertThat(Integer.parseInt(Repo.prodConfig(service).get("quarkus.http.ssl-port"))).isEqualTo(port);
                Container c = container(m, service);
                assertThat(c.getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(port);
                Map<String, Integer> named = c.getPorts().stream().filter(p -> p.getName() != null)
                        .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
                for (var probe : Map.of("liveness", c.getLivenessProbe(), "readiness", c.getReadinessProbe(),
                        "startup", c.getStartupProbe()).entrySet()) {
                    assertThat(probe.getValue()).as(service + " " + probe.getKey() + " probe").isNotNull();
                    HTTPGetAction get = probe.getValue().getHttpGet();
                    assertThat(get.getPath()).as(service + " " + probe.getKey())
                            .isEqualTo(probe.getKey().equals("readiness") ? "/q/health/ready" : "/q/health/live");
                    assertThat(resolve(get.getPort(), named)).as(service + " " + probe.getKey() + " port").isEqualTo(port);
                    assertThat(get.getScheme()).isEqualTo(scheme);
                }
                assertThat(c.getResources().getRequests()).as(service + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(service + " limits").containsKey("memory");
                var pod = m.one(Deployment.class, service).getSpec().getTemplate().getSpec();
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                String account = pod.getServiceAccountName();
                assertThat(m.all(ServiceAccount.class)).as(service + "'s ServiceAccount")
                        .anyMatch(a -> a.getMetadata().getName().equals(account));
                Service svc = m.one(Service.class, service);
                assertThat(svc.getSpec().getPorts()).anySatisfy(p -> {
                    assertThat(p.getPort()).isEqualTo(port);
                    assertThat(resolve(p.getTargetPort(), named)).isEqualTo(port);
                });
                assertThat(svc.getSpec().getSelector()).isEqualTo(
                        m.one(Deployment.class, service).getSpec().getSelector().getMatchLabels());
            }
        }
    }

    private static int resolve(IntOrString port, Map<String, Integer> named) {
        return port.getIntVal() != null ? port.getIntVal() : Objects.requireNonNull(named.get(port.getStrVal()),
                "no container port named " + port.getStrVal());
    }

    @Test
    void everyEnvironmentVariableIsASettingItsServiceReads() {
        for (Manifests m : overlays()) {
            for (String service : SERVICES) {
                ServiceSettings settings = ServiceSettings.of(service);
                List<String> unknown = new ArrayList<>();
                for (EnvVar e : container(m, service).getEnv()) {
                    if (!settings.reads(e.getName())) {
                        unknown.add(e.getName());
                    }
                }
                assertThat(unknown).as(service + ": environment variables that name no setting it reads").isEmpty();
            }
        }
    }

    @Test
    void eachServiceUsesItsOwnDatabaseKafkaUserAndSecrets() {
        for (Manifests m : overlays()) {
            JsonNode cluster = m.postgres("Cluster").get(0);
            assertThat(m.postgres("Cluster")).hasSize(1);
            Map<String, String> roleSecrets = new LinkedHashMap<>();
            cluster.path("spec").path("managed").path("roles").forEach(r ->
                    roleSecrets.put(r.path("name").asText(), r.path("passwordSecret").path("name").asText()));
            for (String service : SERVICES) {
                Map<String, EnvVar> env = container(m, service).getEnv().stream()
                        .collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> {
                            throw new AssertionError(service + " sets " + a.getName() + " twice");
                        }, LinkedHashMap::new));
                String database = database(Repo.prodConfig(service).get("quarkus.datasource.jdbc.url"));
                String url = env.get("QUARKUS_DATASOURCE_JDBC_URL").getValue();
                assertThat(database(url)).as(service + "'s database").isEqualTo(database);
                assertThat(url).startsWith("jdbc:postgresql://" + cluster.path("metadata").path("name").asText() + "-rw:");
                JsonNode db = m.postgres("Database").stream()
                        .filter(d -> d.path("spec").path("name").asText().equals(database)).findFirst()
                        .orElseThrow(() -> new AssertionError("no Database " + database + " for " + service));
                String owner = db.path("spec").path("owner").asText();
                assertThat(roleSecrets).as("a managed role owns " + database).containsKey(owner);
                String secret = roleSecrets.get(owner);
                for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                    assertThat(env.get(variable).getValueFrom().getSecretKeyRef().getName())
                            .as(service + " " + variable).isEqualTo(secret);
                }
                var jaas = env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef();
                assertThat(jaas.getName()).as("the KafkaUser's Secret").isEqualTo("akscompute-" + service);
                assertThat(jaas.getKey()).isEqualTo("sasl.jaas.config");
                m.one(KafkaUser.class, jaas.getName());
                assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").getValue())
                        .startsWith(m.all(Kafka.class).get(0).getMetadata().getName() + "-kafka-bootstrap:");
            }
        }
    }

    private static String database(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    @Test
    void imagesAreTheOnesTheImagesProfileBuilds() {
        String version = System.getProperty("akscompute.version");
        assertThat(version).as("akscompute.version (set by the pom)").isNotBlank();
        for (Manifests m : overlays()) {
            for (String service : SERVICES) {
                String image = Repo.pomProperty(service, "image.name");
                assertThat(container(m, service).getImage()).as(service + "'s image").isEqualTo(image + ":" + version);
            }
        }
    }

    @Test
    void productionRunsThreeReplicasWithDisruptionBudgetsAndAutoscalers() {
        for (String service : SERVICES) {
            Deployment d = production.one(Deployment.class, service);
            assertThat(d.getSpec().getReplicas()).as(service + " replicas").isEqualTo(3);
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<PodDisruptionBudget> budgets = production.all(PodDisruptionBudget.class).stream()
                    .filter(p -> labels.entrySet().containsAll(p.getSpec().getSelector().getMatchLabels().entrySet()))
                    .toList();
            assertThat(budgets).as(service + "'s PodDisruptionBudget").hasSize(1);
            PodDisruptionBudget pdb = budgets.get(0);
            assertThat(pdb.getSpec().getMaxUnavailable() != null ? pdb.getSpec().getMaxUnavailable().getIntVal()
                    : 3 - pdb.getSpec().getMinAvailable().getIntVal()).as(service + " may lose").isBetween(1, 2);
            List<HorizontalPodAutoscaler> hpas = production.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && h.getSpec().getScaleTargetRef().getName().equals(service))
                    .toList();
            assertThat(hpas).as(service + "'s HorizontalPodAutoscaler").hasSize(1);
            assertThat(hpas.get(0).getSpec().getMinReplicas()).isEqualTo(3);
            assertThat(hpas.get(0).getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(3);
        }
        assertThat(production.postgres("Cluster").get(0).path("spec").path("instances").asInt()).isEqualTo(3);
    }

    @Test
    void localRunsOneOfEverything() {
        for (String service : SERVICES) {
            assertThat(local.one(Deployment.class, service).getSpec().getReplicas()).as(service).isEqualTo(1);
        }
        assertThat(local.postgres("Cluster").get(0).path("spec").path("instances").asInt()).isEqualTo(1);
    }

    @Test
    void noSecretIsWrittenIntoTheManifests() {
        for (Manifests m : overlays()) {
            for (Secret s : m.all(Secret.class)) {
                assertThat(s.getData()).as("Secret " + s.getMetadata().getName() + " data").isNullOrEmpty();
                assertThat(s.getStringData()).as("Secret " + s.getMetadata().getName() + " stringData").isNullOrEmpty();
            }
            for (Deployment d : m.all(Deployment.class)) {
                for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                    for (EnvVar e : c.getEnv()) {
                        if (e.getName().matches(".*(PASSWORD|SECRET|JAAS|ENCRYPTION_KEY).*")) {
                            assertThat(e.getValue()).as(c.getName() + " " + e.getName() + " inline").isNull();
                            assertThat(e.getValueFrom().getSecretKeyRef()).as(c.getName() + " " + e.getName()).isNotNull();
                        }
                    }
                }
            }
        }
    }

    @Test
    void networkPoliciesAdmitEachServiceOnItsPortAndLetItReachKafkaAndPostgres() {
        for (Manifests m : overlays()) {
            for (String service : SERVICES) {
                Map<String, String> labels = m.one(Deployment.class, service).getSpec().getTemplate().getMetadata()
                        .getLabels();
                List<NetworkPolicy> policies = m.all(NetworkPolicy.class).stream()
                        .filter(p -> labels.entrySet().containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet()))
                        .toList();
                assertThat(policies).as(service + "'s NetworkPolicies").isNotEmpty();
                Set<Integer> ingress = new LinkedHashSet<>();
                Set<Integer> egress = new LinkedHashSet<>();
                for (NetworkPolicy p : policies) {
                    assertThat(p.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
                    p.getSpec().getIngress().forEach(r -> r.getPorts().forEach(port -> ingress.add(port.getPort().getIntVal())));
                    p.getSpec().getEgress().forEach(r -> r.getPorts().forEach(port -> egress.add(port.getPort().getIntVal())));
                }
                assertThat(ingress).as(service + " admits").containsExactly(httpPort(service));
                String bootstrap = container(m, service).getEnv().stream()
                        .filter(e -> e.getName().equals("KAFKA_BOOTSTRAP_SERVERS")).findFirst().orElseThrow().getValue();
                int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
                assertThat(egress).as(service + " reaches").contains(kafkaPort, 5432, 53, 443);
                // no REST calls between services: no egress to another service's port
                SERVICES.stream().filter(s -> !s.equals(service))
                        .forEach(s -> assertThat(egress).as(service + " to " + s).doesNotContain(httpPort(s)));
            }
        }
    }

    private static String topicName(KafkaTopic t) {
        return t.getSpec().getTopicName() != null ? t.getSpec().getTopicName() : t.getMetadata().getName();
    }

    private static Map<String, String> stringConfig(KafkaTopic t) {
        Map<String, String> out = new LinkedHashMap<>();
        t.getSpec().getConfig().forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
