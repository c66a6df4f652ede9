package io.akscompute.common.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocationsTest {

    @Test
    void displayNamesAreNormalisedToArmNames() {
        assertThat(Locations.normalize("West US")).isEqualTo("westus");
        assertThat(Locations.problem("westus")).isEmpty();
    }

    @Test
    void malformedNamesSayWhatIsWrong() {
        assertThat(Locations.problem("")).contains("location is required");
        assertThat(Locations.problem("x")).get().asString().contains("2 to 40");
        assertThat(Locations.problem("west-us")).get().asString().contains("'-'", "lowercase letters and digits");
    }
}
