package io.akscompute.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The environment check knows what the services read, and refuses what they do not. */
class ServiceSettingsTest {

    @Test
    void knowsTheSettingsOfTheServiceItsCommonModulesQuarkusKafkaJwtAndAzure() {
        ServiceSettings tls = ServiceSettings.of("tls-manager");
        assertThat(tls.reads("AKSCOMPUTE_TLS_MANAGER_ENCRYPTION_KEY")).isTrue();          // @ConfigMapping
        assertThat(tls.reads("AKSCOMPUTE_TLS_MANAGER_ENCRYPTION_KEYS_K2027")).isTrue();   // its map, by key
        assertThat(tls.reads("AKSCOMPUTE_AZURE_SUBSCRIPTION_ID")).isTrue();               // common/azure
        assertThat(tls.reads("AKSCOMPUTE_WORK_LOOPS_RENEWALS_SWEEP_INTERVAL")).isTrue();  // common/runtime, nested
        assertThat(tls.reads("AKSCOMPUTE_RETENTION_INBOX")).isTrue();                     // common/runtime
        assertThat(tls.reads("QUARKUS_DATASOURCE_JDBC_URL")).isTrue();                    // application.properties
        assertThat(tls.reads("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES")).isTrue();         // Quarkus' model, run time
        assertThat(tls.reads("KAFKA_SASL_JAAS_CONFIG")).isTrue();                         // a Kafka client setting
        assertThat(tls.reads("MP_JWT_VERIFY_PUBLICKEY_LOCATION")).isTrue();               // MicroProfile JWT
        assertThat(tls.reads("AZURE_CLIENT_SECRET")).isTrue();                            // azure-identity
    }

    @Test
    void refusesNamesNothingReads() {
        ServiceSettings tls = ServiceSettings.of("tls-manager");
        assertThat(tls.reads("AKSCOMPUTE_AZURE_SUBSCRIPTON_ID")).isFalse();               // a typo
        assertThat(tls.reads("AKSCOMPUTE_ATTACHER_FRONT_END_IMAGE")).isFalse();           // another service's
        assertThat(tls.reads("KAFKA_SASL_JASS_CONFIG")).isFalse();
        assertThat(tls.reads("QUARKUS_DATASOURCE_DB_KIND")).isFalse();                    // build time: fixed in the image
        assertThat(tls.reads("DATABASE_URL")).isFalse();
        assertThat(ServiceSettings.of("attacher").reads("AKSCOMPUTE_ATTACHER_FRONT_END_IMAGE")).isTrue();
    }
}
