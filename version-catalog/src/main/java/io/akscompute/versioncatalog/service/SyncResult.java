package io.akscompute.versioncatalog.service;

/**
 * How one location's sync ended.
 *
 * @param view    what is served now (the last good catalog after a failure); null when there is none
 * @param error   why Azure gave no catalog; null on success
 * @param armCode Azure's error code, when it sent one
 */
public record SyncResult(String location, Outcome outcome, CatalogView view, String error, String armCode) {

    public enum Outcome {
        /** A new or different catalog: stored and published on aks.versions. */
        CHANGED,
        /** Azure answered what we had: only fetchedAt moved, nothing published. */
        UNCHANGED,
        /** Azure does not offer AKS in that location. */
        UNKNOWN_LOCATION,
        /** Azure failed or did not answer in time; the last good catalog (if any) is served as stale. */
        FAILED
    }

    public boolean succeeded() {
        return outcome == Outcome.CHANGED || outcome == Outcome.UNCHANGED;
    }
}
