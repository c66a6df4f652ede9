package io.akscompute.common.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesAndMasksHostBits() {
        Cidr cidr = Cidr.parse("10.0.5.7/16");
        assertThat(cidr).hasToString("10.0.0.0/16");
        assertThat(cidr.prefixLength()).isEqualTo(16);
        assertThat(Cidr.format(cidr.networkAddress())).isEqualTo("10.0.0.0");
        assertThat(Cidr.format(cidr.firstAddress())).isEqualTo("10.0.0.1");
        assertThat(cidr.size()).isEqualTo(65536);
        assertThat(cidr).isEqualTo(Cidr.parse("10.0.0.0/16"));
    }

    @Test
    void extremes() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.parseAddress("255.255.255.255"))).isTrue();
        Cidr host = Cidr.parse("192.168.1.1/32");
        assertThat(host.contains(Cidr.parseAddress("192.168.1.1"))).isTrue();
        assertThat(host.contains(Cidr.parseAddress("192.168.1.2"))).isFalse();
        assertThat(Cidr.format(Cidr.parseAddress("255.255.255.255"))).isEqualTo("255.255.255.255");
    }

    @Test
    void containsAtTheEdges() {
        Cidr cidr = Cidr.parse("10.0.0.0/24");
        assertThat(cidr.contains(Cidr.parseAddress("10.0.0.0"))).isTrue();
        assertThat(cidr.contains(Cidr.parseAddress("10.0.0.255"))).isTrue();
        assertThat(cidr.contains(Cidr.parseAddress("10.0.1.0"))).isFalse();
        assertThat(cidr.contains(Cidr.parseAddress("9.255.255.255"))).isFalse();
    }

    @Test
    void overlaps() {
        assertThat(Cidr.parse("10.0.0.0/8").overlaps(Cidr.parse("10.20.0.0/16"))).isTrue();
        assertThat(Cidr.parse("10.20.0.0/16").overlaps(Cidr.parse("10.0.0.0/8"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/16").overlaps(Cidr.parse("10.0.0.0/16"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/16").overlaps(Cidr.parse("10.1.0.0/16"))).isFalse();
        assertThat(Cidr.parse("172.17.0.1/16").overlaps(Cidr.parse("172.16.0.0/16"))).isFalse();
    }

    @Test
    void rejectsBadSyntax() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0")).hasMessageContaining("prefix length is missing");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/-1")).hasMessageContaining("0 to 32");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/123")).hasMessageContaining("0 to 32");
        assertThatThrownBy(() -> Cidr.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Cidr.parseAddress("10.0.0.0.0")).hasMessageContaining("four numbers");
        assertThatThrownBy(() -> Cidr.parseAddress("10..0.0")).hasMessageContaining("'' is not a number");
        assertThatThrownBy(() -> Cidr.parseAddress("1.2.3.+4")).hasMessageContaining("'+4'");
        assertThatThrownBy(() -> Cidr.parseAddress("localhost")).hasMessageContaining("four numbers");
    }
}
