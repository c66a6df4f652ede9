package io.akscompute.common.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VmSizesTest {

    @Test
    void findsSizesIgnoringCaseAndReturnsTheCanonicalName() {
        assertThat(VmSizes.find("standard_d3_V2")).hasValueSatisfying(s -> {
            assertThat(s.name()).isEqualTo("Standard_D3_v2");
            assertThat(s.vCpus()).isEqualTo(4);
            assertThat(s.gpu()).isFalse();
        });
        assertThat(VmSizes.find("Standard_D2_v2")).map(VmSize::vCpus).hasValue(2);
        assertThat(VmSizes.find(null)).isEmpty();
        assertThat(VmSizes.find("Standard_Z1")).isEmpty();
    }

    @Test
    void acceleratorFlags() {
        assertThat(VmSizes.find("Standard_NC6s_v3")).hasValueSatisfying(s -> assertThat(s.gpu()).isTrue());
        assertThat(VmSizes.find("Standard_ND40rs_v2")).map(VmSize::vCpus).hasValue(40);
        assertThat(VmSizes.find("Standard_PB6s")).hasValueSatisfying(s -> {
            assertThat(s.fpga()).isTrue();
            assertThat(s.gpu()).isFalse();
        });
    }

    @Test
    void tableHasCanonicalNamesWithPositiveVcpus() {
        assertThat(VmSizes.all()).hasSizeGreaterThan(80)
                .allSatisfy(s -> {
                    assertThat(s.name()).startsWith("Standard_");
                    assertThat(s.vCpus()).isPositive();
                });
    }

    @Test
    void aSizeDeclaredTwiceInAnyCaseIsRefusedSoEachNameIsInTheTableOnce() {
        assertThatThrownBy(() -> VmSizes.index(List.of(new VmSize("Standard_D2_v2", 2, false, false),
                new VmSize("standard_d2_V2", 4, false, false))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("declared twice");
        assertThat(VmSizes.index(List.of(new VmSize("Standard_D2_v2", 2, false, false),
                new VmSize("Standard_D3_v2", 4, false, false)))).hasSize(2);
    }

    @Test
    void closestSizes() {
        assertThat(VmSizes.closest("Standard_D3v2", 3)).hasSize(3).first().isEqualTo("Standard_D3_v2");
        assertThat(VmSizes.closest("standard_nc6s", 1)).containsExactly("Standard_NC6");
        assertThat(VmSizes.closest("Standard_F8s_2", 1)).containsExactly("Standard_F8s_v2");
    }

    @Test
    void levenshtein() {
        assertThat(Levenshtein.distance("", "")).isZero();
        assertThat(Levenshtein.distance("abc", "")).isEqualTo(3);
        assertThat(Levenshtein.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Levenshtein.distance("flaw", "lawn")).isEqualTo(2);
    }
}
