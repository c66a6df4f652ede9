package io.akscompute.common.rules;

import java.util.function.IntPredicate;

/** A set of characters and how a message names it ("letters, digits and hyphens"). */
record CharClass(IntPredicate test, String description) {

    static boolean asciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean lowerLetter(int c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    static final CharClass LETTER = new CharClass(CharClass::asciiLetter, "a letter");
    static final CharClass LOWER_LETTER = new CharClass(CharClass::lowerLetter, "a lowercase letter");
    static final CharClass LETTER_OR_DIGIT =
            new CharClass(c -> asciiLetter(c) || digit(c), "a letter or a digit");
    static final CharClass LOWER_LETTER_OR_DIGIT =
            new CharClass(c -> lowerLetter(c) || digit(c), "a lowercase letter or a digit");

    boolean matches(int c) {
        return test.test(c);
    }
}
