package io.akscompute.common.azure;

import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.resources.ResourceManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.URI;
import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * Makes the Azure clients injectable in every service. Beans are created on first injection only, so a
 * service that injects none of them never builds a credential.
 */
@ApplicationScoped
public class AzureClientsProducer {

    @Produces
    @Singleton
    AzureClients azureClients(AzureConfig config, MeterRegistry registry, Instance<DataSource> database,
            Instance<OpenTelemetry> telemetry) {
        ArmCallTracing tracing = new ArmCallTracing(telemetry.isResolvable() ? telemetry.get() : OpenTelemetry.noop());
        if ((config.writesPerHour() > 0 || config.readsPerHour() > 0) && database.isResolvable()) {
            // The budget's wait comes before the timed request, so that the metrics show ARM's latency only.
            return new AzureClients(settings(config), tracing,
                    new SubscriptionBudget(database.get(), config.writesPerHour(), config.readsPerHour()),
                    new ArmCallMetrics(registry));
        }
        return new AzureClients(settings(config), tracing, new ArmCallMetrics(registry));
    }

    @Produces
    @Singleton
    ContainerServiceManager containerServiceManager(AzureClients clients) {
        return clients.containerServiceManager();
    }

    @Produces
    @Singleton
    ResourceManager resourceManager(AzureClients clients) {
        return clients.resourceManager();
    }

    static AzureSettings settings(AzureConfig config) {
        return new AzureSettings(
                config.endpoint().filter(s -> !s.isBlank()).map(URI::create).orElse(null),
                config.subscriptionId().filter(s -> !s.isBlank()).orElse(null),
                config.tenantId().filter(s -> !s.isBlank()).orElse(null),
                config.trustPem().filter(s -> !s.isBlank()).map(Path::of).orElse(null),
                config.lroPollInterval());
    }
}
