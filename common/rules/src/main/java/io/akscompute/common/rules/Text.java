package io.akscompute.common.rules;

/**
 * Bounds for text that comes from outside: what a message quotes of the input is a short prefix, a reason has a
 * length a person can read, and no rule spends time on a string longer than any real value.
 */
public final class Text {
    /** What a message quotes of one value of the input. */
    public static final int QUOTE = 64;
    /** A reason or a message, all told. */
    public static final int REASON = 1024;

    private Text() {
    }

    /** The text itself when it is short enough, else its prefix and how long it was. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "...(" + text.length() + " characters)";
    }

    /** A value of the input as a message quotes it: 'value', at most {@link #QUOTE} characters of it. */
    public static String quote(String value) {
        return quote(value, QUOTE);
    }

    /** The same with a longer bound, for a field a person wants to see whole when it is reasonable. */
    public static String quote(String value, int max) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= max) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, max) + "...' (" + value.length() + " characters)";
    }

    /** SHA-256 of the bytes, in lower-case hex: what stands for content that must not be kept or shown as it is. */
    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The same of the text's UTF-8. */
    public static String sha256(String text) {
        return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
