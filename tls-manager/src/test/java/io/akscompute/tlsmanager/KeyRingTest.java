package io.akscompute.tlsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.akscompute.tlsmanager.domain.KeyCipher;
import io.akscompute.tlsmanager.domain.KeyRing;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rotation: rows say which key wrote them; old keys still read until the rows are re-encrypted. */
class KeyRingTest {
    private static KeyCipher key(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return KeyCipher.fromBase64(Base64.getEncoder().encodeToString(bytes));
    }

    @Test
    void aRowNamesItsKeyAndAnOldRowIsReadUntilItIsReencrypted() {
        KeyCipher old = key(1);
        KeyCipher next = key(2);
        String legacy = old.encrypt("PRIVATE KEY 1", "cert-1");
        KeyRing before = new KeyRing(Map.of(KeyRing.LEGACY_ID, old), KeyRing.LEGACY_ID);
        String written = before.encrypt("PRIVATE KEY 2", "cert-2");
        assertThat(written).startsWith("v2:default:").doesNotContain("PRIVATE");

        KeyRing rotated = new KeyRing(Map.of(KeyRing.LEGACY_ID, old, "k2026", next), "k2026");
        assertThat(rotated.decrypt(legacy, "cert-1")).isEqualTo("PRIVATE KEY 1");
        assertThat(rotated.decrypt(written, "cert-2")).isEqualTo("PRIVATE KEY 2");
        assertThat(rotated.needsReencryption(legacy)).isTrue();
        assertThat(rotated.needsReencryption(written)).isTrue();
        String again = rotated.encrypt(rotated.decrypt(written, "cert-2"), "cert-2");
        assertThat(again).startsWith("v2:k2026:");
        assertThat(rotated.needsReencryption(again)).isFalse();

        KeyRing afterwards = new KeyRing(Map.of("k2026", next), "k2026");
        assertThat(afterwards.decrypt(again, "cert-2")).isEqualTo("PRIVATE KEY 2");
        assertThatThrownBy(() -> afterwards.decrypt(written, "cert-2")).hasMessageContaining("key 'default'")
                .hasMessageContaining("not configured");
        assertThatThrownBy(() -> rotated.decrypt(again, "cert-1")).as("a row's key stays bound to the row")
                .hasMessageContaining("altered data");
    }

    @Test
    void anActiveIdThatNamesNoKeyIsRefused() {
        assertThatThrownBy(() -> new KeyRing(Map.of("a", key(1)), "b")).hasMessageContaining("'b' is not one of");
        assertThatThrownBy(() -> new KeyRing(Map.of("a b", key(1)), "a b")).hasMessageContaining("letters, digits");
    }
}
