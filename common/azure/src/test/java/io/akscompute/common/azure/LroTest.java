package io.akscompute.common.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** ARM's Retry-After as the long-running operations read it. */
class LroTest {

    @Test
    void retryAfterIsSecondsBoundedToAnHourAndAnythingElseIsAbsent() {
        assertThat(Lro.retryAfter("1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Lro.retryAfter(" 15 ")).isEqualTo(Duration.ofSeconds(15));
        assertThat(Lro.retryAfter("0")).isEqualTo(Duration.ZERO);
        assertThat(Lro.retryAfter("999999")).isEqualTo(Duration.ofHours(1));
        assertThat(Lro.retryAfter(null)).isNull();
        assertThat(Lro.retryAfter("-3")).isNull();
        assertThat(Lro.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT")).isNull();
    }
}
