package io.akscompute.common.contract;

import io.akscompute.common.contract.event.ComputeSnapshot;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * attacher's {@code GET /workspaces/{ws}/computes}: one page of a workspace's computes in name order, as ARM lists
 * resources. {@code nextLink} (absent on the last page) is the URL of the next page, which carries the same
 * {@code $top} and the {@value #SKIP_TOKEN} where this page ended.
 */
public record ComputeList(List<ComputeSnapshot> value, String nextLink) {

    public static final String TOP = "$top";
    public static final String SKIP_TOKEN = "$skipToken";
    /** The page size when {@value #TOP} is not given. */
    public static final int DEFAULT_TOP = 100;
    /** The largest {@value #TOP} a caller may ask for. */
    public static final int MAX_TOP = 1000;

    /** The {@value #SKIP_TOKEN} of the next page; empty on the last page. */
    public Optional<String> skipToken() {
        return skipToken(nextLink);
    }

    /**
     * The {@value #SKIP_TOKEN} a {@code nextLink} carries. A caller asks its own address of the service with it
     * rather than the link itself, whose host and path are as the service saw them (behind a proxy, not the caller's).
     */
    public static Optional<String> skipToken(String nextLink) {
        String query = nextLink == null ? null : URI.create(nextLink).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(SKIP_TOKEN)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
