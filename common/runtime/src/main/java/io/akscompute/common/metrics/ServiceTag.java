package io.akscompute.common.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every meter carries the service that made it, so that one dashboard reads all four services. */
public class ServiceTag {

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "akscompute.service") String service) {
        return MeterFilter.commonTags(Tags.of("service", service));
    }
}
