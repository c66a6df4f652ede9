package io.akscompute.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamQuotaTest {

    @Test
    void eachUserHoldsAtMostTheQuotaAndGetsAPlaceBackWhenAStreamEnds() {
        StreamQuota quota = new StreamQuota(2);

        assertThat(quota.take("ada")).isTrue();
        assertThat(quota.take("ada")).isTrue();
        assertThat(quota.take("ada")).as("a third page of ada's").isFalse();
        assertThat(quota.take("bob")).as("another user's own places").isTrue();

        quota.release("ada");
        assertThat(quota.take("ada")).isTrue();
        quota.release("ada");
        quota.release("ada");
        quota.release("ada");
        assertThat(quota.held("ada")).as("released more often than taken: none held, not below").isZero();
        assertThat(quota.held("bob")).isEqualTo(1);
    }

    @Test
    void manyPagesOpenedAtOnceGetNoMoreThanTheQuota() throws Exception {
        StreamQuota quota = new StreamQuota(10);
        AtomicInteger taken = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            pool.execute(() -> {
                if (quota.take("ada")) {
                    taken.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(taken.get()).isEqualTo(10);
        assertThat(quota.held("ada")).isEqualTo(10);
    }
}
