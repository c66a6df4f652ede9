package io.akscompute.common.rules;

import static io.akscompute.common.rules.Violations.quote;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The locations of a RefreshVersions command; none means every configured location. */
final class LocationRules {
    static final int MAX_LOCATIONS = 50;

    private LocationRules() {
    }

    static void check(List<String> locations, Violations v) {
        if (locations == null || locations.isEmpty()) {
            return;
        }
        if (locations.size() > MAX_LOCATIONS) {
            v.add("locations", locations.size() + " locations are listed; at most " + MAX_LOCATIONS
                    + " are allowed (leave the list empty to refresh every configured location)");
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < locations.size(); i++) {
            String field = "locations[" + i + "]";
            String location = Locations.normalize(locations.get(i));
            Names.LOCATION.check(field, location, v);
            if (location == null) {
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(location, i);
            if (earlier != null) {
                v.add(field, "location " + quote(location) + " is listed twice (also locations[" + earlier
                        + "]); list each location once");
            }
        }
    }
}
