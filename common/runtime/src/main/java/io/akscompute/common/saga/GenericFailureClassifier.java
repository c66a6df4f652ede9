package io.akscompute.common.saga;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The classifier of a service without cloud adapters; a service with them gets theirs instead. */
@DefaultBean
@ApplicationScoped
public class GenericFailureClassifier implements FailureClassifier {
    @Override
    public StepResult classify(Throwable error) {
        return FailureClassifier.generic(error);
    }
}
