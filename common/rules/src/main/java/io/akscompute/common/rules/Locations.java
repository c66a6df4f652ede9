package io.akscompute.common.rules;

import java.util.Locale;
import java.util.Optional;

/** Azure location names as ARM spells them: {@code westus}; "West US" is accepted and normalised. */
public final class Locations {
    /** How a user finds valid names; part of every error about a location. */
    public static final String HOW_TO_FIND = "list the locations of your subscription with "
            + "`az account list-locations --query \"[].name\" -o tsv` and pick one that offers AKS "
            + "(`az provider show -n Microsoft.ContainerService --query \"resourceTypes[?resourceType=='managedClusters'].locations\"`)";

    private Locations() {
    }

    public static String normalize(String location) {
        return location == null ? null : location.replace(" ", "").trim().toLowerCase(Locale.ROOT);
    }

    /** What is wrong with the (normalised) name, if anything: 2-40 lowercase letters and digits. */
    public static Optional<String> problem(String location) {
        if (location == null || location.isEmpty()) {
            return Optional.of("location is required");
        }
        if (location.length() < 2 || location.length() > 40) {
            return Optional.of("location '" + location + "' has " + location.length()
                    + " characters; a location name has 2 to 40");
        }
        for (char c : location.toCharArray()) {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return Optional.of("location '" + location + "' contains '" + c
                        + "'; a location name has lowercase letters and digits only, e.g. westus");
            }
        }
        return Optional.empty();
    }
}
