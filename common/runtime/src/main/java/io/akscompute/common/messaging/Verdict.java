package io.akscompute.common.messaging;

import io.akscompute.common.rules.Text;

/** What the consumer does with a record after the intake: acknowledge it, or send it to the dead-letter topic. */
public record Verdict(boolean deadLetter, String reason) {
    public static final Verdict ACK = new Verdict(false, null);

    public static Verdict deadLetter(String reason) {
        return new Verdict(true, Text.cut(reason, Text.REASON));
    }
}
