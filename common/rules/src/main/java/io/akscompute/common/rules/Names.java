package io.akscompute.common.rules;

import static io.akscompute.common.rules.CharClass.asciiLetter;
import static io.akscompute.common.rules.CharClass.digit;
import static io.akscompute.common.rules.CharClass.lowerLetter;
import static io.akscompute.common.rules.Violations.quote;

import java.util.List;
import java.util.Locale;

/** The naming rules of Azure ML and Azure that commands carry. */
final class Names {
    /** Names Azure ML keeps for its own compute targets. */
    static final List<String> RESERVED_COMPUTE_NAMES = List.of("amlcompute", "local", "containerinstance");

    static final NameRule WORKSPACE = NameRule.of("workspace name", 1, 64,
            new CharClass(c -> asciiLetter(c) || digit(c) || c == '-' || c == '_',
                    "letters, digits, hyphens and underscores"));

    static final NameRule COMPUTE_NAME = NameRule.of("compute name", 3, 24,
                    new CharClass(c -> asciiLetter(c) || digit(c) || c == '-', "letters, digits and hyphens"))
            .startsWith(CharClass.LETTER)
            .endsWith(CharClass.LETTER_OR_DIGIT);

    static final NameRule RESOURCE_GROUP = NameRule.of("resource group name", 1, 90,
                    new CharClass(c -> asciiLetter(c) || digit(c) || "-_.()".indexOf(c) >= 0,
                            "letters, digits and the characters - _ . ( )"))
            .endsWith(new CharClass(c -> c != '.', "a character other than a period"));

    static final NameRule CLUSTER_NAME = NameRule.of("AKS cluster name", 1, 63,
                    new CharClass(c -> asciiLetter(c) || digit(c) || c == '-' || c == '_',
                            "letters, digits, hyphens and underscores"))
            .startsWith(CharClass.LETTER_OR_DIGIT)
            .endsWith(CharClass.LETTER_OR_DIGIT);

    static final NameRule LOCATION = NameRule.of("location", 2, 40,
            new CharClass(c -> lowerLetter(c) || digit(c), "lowercase letters and digits"));

    /** Azure appends six random characters to the label and a DNS label holds at most 63. */
    static final NameRule LEAF_DOMAIN_LABEL = NameRule.of("leaf domain label", 1, 57,
                    new CharClass(c -> lowerLetter(c) || digit(c) || c == '-',
                            "lowercase letters, digits and hyphens"))
            .startsWith(CharClass.LOWER_LETTER)
            .endsWith(CharClass.LOWER_LETTER_OR_DIGIT)
            .because("Azure appends six random characters to make a DNS label of at most 63");

    private Names() {
    }

    static void checkComputeName(String field, String name, Violations v) {
        COMPUTE_NAME.check(field, name, v);
        if (name != null && RESERVED_COMPUTE_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            v.add(field, "compute name " + quote(name) + " is reserved by Azure Machine Learning ("
                    + String.join(", ", RESERVED_COMPUTE_NAMES) + " are reserved in any letter case); "
                    + "choose another name");
        }
    }
}
