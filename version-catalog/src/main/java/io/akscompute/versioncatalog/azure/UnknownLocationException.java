package io.akscompute.versioncatalog.azure;

/** Azure does not offer AKS in that location: a user error, never retried. */
public class UnknownLocationException extends RuntimeException {
    private final String location;

    public UnknownLocationException(String location, String azureMessage) {
        super("Azure does not offer AKS in location '" + location + "'" + (azureMessage == null ? "" : ": " + azureMessage));
        this.location = location;
    }

    public String location() {
        return location;
    }
}
