package io.akscompute.provisioner.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.azure.Lro;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.saga.StepResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a provisioning step makes of an ARM operation's and a cluster's state, decided without Azure. */
class ProvisioningTest {
    private static final Duration POLL = Duration.ofSeconds(5);

    @Test
    void aRunningOperationIsWaitedForAndASucceededOneLetsTheStepGoOn() {
        assertThat(Provisioning.operation(new Lro.Status("InProgress", null, null, null), "x", POLL, "busy"))
                .contains(StepResult.waitFor(POLL, "busy"));
        assertThat(Provisioning.operation(new Lro.Status("Succeeded", null, null, null), "x", POLL, "busy")).isEmpty();
    }

    @Test
    void aRunningOperationIsPolledAgainWhenAzuresRetryAfterSaysNotOnTheFixedInterval() {
        var running = new Lro.Status("InProgress", null, null, null, Duration.ofSeconds(1));
        assertThat(Provisioning.operation(running, "x", POLL, "busy"))
                .contains(StepResult.waitFor(Duration.ofSeconds(1), "busy"));
        assertThat(new Lro.Begun("https://arm/op", Duration.ofSeconds(15)).pollAfter(POLL))
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(new Lro.Begun("https://arm/op", null).pollAfter(POLL)).isEqualTo(POLL);
    }

    @Test
    void aFailedOperationFailsTheStepWithAzuresReasonSaidForPeople() {
        var failed = Provisioning.operation(new Lro.Status("Failed", "QuotaExceeded",
                "Operation results in exceeding quota limits of Core. Maximum allowed: 10", null), "the creation of x",
                POLL, "busy").orElseThrow();
        assertThat(((StepResult.Fail) failed).code()).isEqualTo(ErrorCode.QuotaExceeded);
        assertThat(((StepResult.Fail) failed).message()).contains("the creation of x", "Core");
    }

    @Test
    void aThrottledPollIsRetriedAfterWhatAzureAsked() {
        var throttled = AzureFailures.ofStatus(429, "TooManyRequests", "slow down", "9");
        var retry = (StepResult.Retry) Provisioning.operation(new Lro.Status(null, null, null, throttled), "x", POLL,
                "busy").orElseThrow();
        assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(9));
        assertThat(retry.reason()).startsWith("Azure answered 429");
    }

    @Test
    void aBusyClusterIsWaitedForAndOneInAnotherStateFails() {
        assertThat(Provisioning.cluster("Updating", "x", POLL, "busy")).contains(StepResult.waitFor(POLL, "busy"));
        assertThat(Provisioning.cluster("Succeeded", "x", POLL, "busy")).isEmpty();
        assertThat(((StepResult.Fail) Provisioning.cluster("Failed", "the AKS cluster x", POLL, "busy").orElseThrow())
                .message()).isEqualTo("the AKS cluster x ended Failed");
        assertThat(Provisioning.busy("Deleting")).isTrue();
        assertThat(Provisioning.busy("Succeeded")).isFalse();
    }

    @Test
    void secondsCountFromTheStartOfTheOperation() {
        Instant start = Instant.parse("2026-11-30T10:00:00Z");
        assertThat(Provisioning.seconds(start, start.plusSeconds(42))).isEqualTo(42);
        assertThat(Provisioning.seconds(null, start)).isZero();
    }
}
