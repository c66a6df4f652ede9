package io.akscompute.common.azure;

import io.akscompute.common.saga.FailureClassifier;
import io.akscompute.common.saga.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

/** Makes {@link AzureFailures} the classifier of every service that talks to Azure. */
@ApplicationScoped
public class AzureFailureClassifier implements FailureClassifier {
    @Override
    public StepResult classify(Throwable error) {
        return AzureFailures.classify(error);
    }
}
