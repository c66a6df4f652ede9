package io.akscompute.provisioner.domain;

import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.azure.Lro;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.rules.VmSizes;
import io.akscompute.common.saga.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a provisioning step makes of what it observed in Azure, as pure functions: the step reads (an ARM
 * operation's status, a cluster's provisioning state) and these decide whether it waits, retries, fails or goes on.
 */
public final class Provisioning {
    private static final Set<String> BUSY = Set.of("creating", "updating", "scaling", "deleting", "starting",
            "stopping", "upgrading");

    private Provisioning() {
    }

    /**
     * An ARM operation the step started: empty when it succeeded (the step goes on); else what the step returns
     * now: wait while it runs, retry when the poll itself was throttled or failed, fail with Azure's reason.
     */
    public static Optional<StepResult> operation(Lro.Status status, String what, Duration poll, String running) {
        if (status.pollFailure() != null) {
            return Optional.of(status.pollFailure().toStepResult(null));
        }
        if (status.running()) {
            return Optional.of(StepResult.waitFor(status.pollAfter(poll), running));
        }
        if (status.failed()) {
            return Optional.of(AzureFailures.translate(status.code(), status.message(), what));
        }
        return Optional.empty();
    }

    /** A cluster's provisioning state: empty when Succeeded, wait while Azure is busy with it, else fail. */
    public static Optional<StepResult> cluster(String provisioningState, String what, Duration poll, String running) {
        if ("Succeeded".equalsIgnoreCase(provisioningState)) {
            return Optional.empty();
        }
        if (busy(provisioningState)) {
            return Optional.of(StepResult.waitFor(poll, running));
        }
        return Optional.of(StepResult.fail(ErrorCode.AzureError, what + " ended " + provisioningState));
    }

    /**
     * The one node pool of a new cluster: its size offered in the location and usable by the subscription, big
     * enough for a system pool, and with the production minimum when the purpose is production.
     */
    public static List<Detail> vmSizeViolations(String location, String vmSize, int count, ClusterPurpose purpose,
            String pool, List<VmSize> offered) {
        VmSizes.Checked checked = VmSizes.checkNewNodes("agentVmSize", vmSize, location, offered, true);
        if (!checked.violations().isEmpty()) {
            return checked.violations();
        }
        return VmSizes.checkProduction("agentVmSize", purpose, List.of(new VmSizes.Pool(pool, count, vmSize, true)),
                offered).map(List::of).orElse(List.of());
    }

    /** Azure takes one change of a cluster at a time: while it is busy, a new one waits. */
    public static boolean busy(String provisioningState) {
        return provisioningState != null && BUSY.contains(provisioningState.toLowerCase());
    }

    /**
     * An ARM operation that has run longer than it may: the step fails (and is undone) rather than wait forever.
     * Empty while it is within its time.
     */
    public static Optional<StepResult> overdue(Instant startedAt, Instant now, Duration timeout, String what) {
        if (startedAt == null || !now.isAfter(startedAt.plus(timeout))) {
            return Optional.empty();
        }
        return Optional.of(StepResult.fail(ErrorCode.AzureError, "Azure did not finish " + what + " within "
                + timeout.toMinutes() + " min"));
    }

    /** Seconds since the step started its ARM operation. */
    public static long seconds(Instant startedAt, Instant now) {
        return startedAt == null ? 0 : Duration.between(startedAt, now).toSeconds();
    }
}
