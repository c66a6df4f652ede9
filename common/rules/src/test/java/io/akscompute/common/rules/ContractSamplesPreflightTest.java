package io.akscompute.common.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.ContractSamples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sample of every command the contract tests use is a command the preflight lets through. */
class ContractSamplesPreflightTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(CommandType.class)
    void sampleCommandsPassThePreflight(CommandType type) {
        assertThat(Preflight.check((Command) ContractSamples.of(type.payloadType()))).isEmpty();
    }
}
