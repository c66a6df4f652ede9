package io.akscompute.common.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AzTableTest {

    @Test
    void narrowCellsKeepTheHeaderWidthAndWideOnesWidenTheColumn() {
        assertThat(AzTable.render(List.of("A", "B"), List.of(List.of("a-very-long-cell", "x")))).isEqualTo("""
                A                 B
                ----------------  ---
                a-very-long-cell  x
                """);
    }

    @Test
    void numberColumnsAlignRightAndTextThatLooksLikeANumberDoesNot() {
        assertThat(AzTable.render(List.of("Name", "AgentCount"), List.of(List.of("1.30", "3"), List.of("bb", "12")),
                Set.of(1)))
                .isEqualTo("""
                        Name      AgentCount
                        ------  ------------
                        1.30               3
                        bb                12
                        """);
    }

    @Test
    void aScalarResultIsOneColumnNamedResult() {
        assertThat(AzTable.render(List.of("Result"), List.of(List.of("1.16.13")))).isEqualTo("""
                Result
                --------
                1.16.13
                """);
    }
}
