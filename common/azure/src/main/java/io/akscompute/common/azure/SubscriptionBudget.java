package io.akscompute.common.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps this service's ARM requests within its share of the subscription's budget, however many replicas run: each
 * request (each try) reserves a token from a bucket in the service's database, one per subscription and kind,
 * refilled at the hourly rate and holding nine of the ten seconds' worth ARM's bucket holds (the tenth absorbs the time
 * a request takes from its reservation to ARM); a request whose token is not there yet waits until it is. The
 * reservation is one statement, so replicas never overspend together.
 * While the database cannot be reached, requests go out unpaced: the budget must not stop the work it guards.
 */
public final class SubscriptionBudget implements HttpPipelinePolicy {
    private static final Logger LOG = Logger.getLogger(SubscriptionBudget.class);
    static final double BURST_SECONDS = 9;
    private static final String RESERVE = """
            insert into arm_budget (subscription, kind, tokens, refilled_at) values (?, ?, ? - 1, clock_timestamp())
            on conflict (subscription, kind) do update set
                tokens = least(?, arm_budget.tokens + ? * extract(epoch from clock_timestamp() - arm_budget.refilled_at))
                    - 1,
                refilled_at = clock_timestamp()
            returning tokens""";

    private final DataSource database;
    private final int writesPerHour;
    private final int readsPerHour;

    public SubscriptionBudget(DataSource database, int writesPerHour, int readsPerHour) {
        this.database = database;
        this.writesPerHour = writesPerHour;
        this.readsPerHour = readsPerHour;
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        HttpMethod method = context.getHttpRequest().getHttpMethod();
        boolean write = method != HttpMethod.GET && method != HttpMethod.HEAD;
        int perHour = write ? writesPerHour : readsPerHour;
        String subscription = subscription(context.getHttpRequest().getUrl().getPath());
        if (perHour <= 0 || subscription == null) {
            return next.process();
        }
        return Mono.fromCallable(() -> reserve(subscription, write ? "writes" : "reads", perHour))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(wait -> wait.isZero() ? next.process() : Mono.delay(wait).then(next.process()));
    }

    /** How long this request must wait for its token: zero when the bucket had one. */
    Duration reserve(String subscription, String kind, int perHour) {
        double rate = perHour / 3600.0;
        double capacity = Math.max(1, rate * BURST_SECONDS);
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(RESERVE)) {
            s.setString(1, subscription);
            s.setString(2, kind);
            s.setDouble(3, capacity);
            s.setDouble(4, capacity);
            s.setDouble(5, rate);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return waitFor(r.getDouble(1), rate);
            }
        } catch (SQLException e) {
            LOG.debugf("ARM budget not kept for this request (%s): the database cannot be reached", e.getMessage());
            return Duration.ZERO;
        }
    }

    /** A bucket left below zero by this reservation: the request waits until the refill has paid it back. */
    static Duration waitFor(double tokensAfter, double ratePerSecond) {
        return tokensAfter >= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(-tokensAfter / ratePerSecond * 1000));
    }

    static String subscription(String path) {
        String[] s = path.replaceAll("^/+", "").split("/");
        return s.length >= 2 && s[0].equalsIgnoreCase("subscriptions") ? s[1].toLowerCase(Locale.ROOT) : null;
    }
}
