package io.akscompute.versioncatalog.service;

import io.akscompute.common.contract.Topics;
import io.akscompute.versioncatalog.config.VersionCatalogConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Makes sure {@code aks.versions} is compacted: it holds the current catalog per location, read from the
 * beginning by every consumer. A consumer may have had the broker auto-create it first (without compaction);
 * then its cleanup policy is corrected.
 */
@ApplicationScoped
public class VersionsTopic {
    private static final Logger LOG = Logger.getLogger(VersionsTopic.class);
    private static final long TIMEOUT_SECONDS = 15;

    /** The service's {@code kafka.*} settings: bootstrap servers and, on a secured broker, SASL and SSL. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    VersionCatalogConfig config;

    private Map<String, Object> adminSettings() {
        Map<String, Object> c = new HashMap<>();
        // Only what an admin client knows: the connector's map also holds consumer and producer settings.
        kafka.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                c.put(k, v);
            }
        });
        return c;
    }

    /** Best effort: a broker that is down now only costs compaction until the next start. */
    public void ensureCompacted() {
        try (Admin admin = Admin.create(adminSettings())) {
            NewTopic topic = new NewTopic(Topics.VERSIONS, Optional.of(config.topicPartitions()), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.infof("created the compacted topic %s", Topics.VERSIONS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.VERSIONS);
            ConfigEntry policy = admin.describeConfigs(Set.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                        AlterConfigOp.OpType.SET)))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.infof("%s existed with cleanup.policy=%s; set it to compact", Topics.VERSIONS,
                        policy == null ? "?" : policy.value());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf(e, "could not make sure %s is compacted", Topics.VERSIONS);
        }
    }
}
