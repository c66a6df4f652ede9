package io.akscompute.versioncatalog.saga;

import java.util.List;

/** The state of a RefreshVersions saga: the locations asked for (empty: the configured ones), and the outcome. */
public class RefreshState {
    public List<String> locations;
    public String message;
}
