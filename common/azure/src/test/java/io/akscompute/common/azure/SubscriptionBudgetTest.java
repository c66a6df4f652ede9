package io.akscompute.common.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SubscriptionBudgetTest {

    @Test
    void aRequestWaitsUntilTheRefillHasPaidBackWhatItTookBeyondTheBucket() {
        assertThat(SubscriptionBudget.waitFor(0, 10)).isZero();
        assertThat(SubscriptionBudget.waitFor(3.5, 10)).isZero();
        assertThat(SubscriptionBudget.waitFor(-1, 10)).isEqualTo(Duration.ofMillis(100));
        // 1,200 writes an hour: one every 3 s; the third in debt waits 9 s.
        assertThat(SubscriptionBudget.waitFor(-3, 1200 / 3600.0)).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void theBucketIsTheSubscriptionOfThePath() {
        assertThat(SubscriptionBudget.subscription("/subscriptions/ABC-1/resourceGroups/rg")).isEqualTo("abc-1");
        assertThat(SubscriptionBudget.subscription("/providers/Microsoft.Compute/operations")).isNull();
    }
}
