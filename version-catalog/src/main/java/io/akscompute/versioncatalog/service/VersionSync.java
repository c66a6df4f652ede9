package io.akscompute.versioncatalog.service;

import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.rules.Locations;
import io.akscompute.common.work.Outages;
import io.akscompute.versioncatalog.azure.AzureVersionSource;
import io.akscompute.versioncatalog.azure.FetchedVersions;
import io.akscompute.versioncatalog.azure.UnknownLocationException;
import io.akscompute.versioncatalog.config.VersionCatalogConfig;
import io.akscompute.versioncatalog.persistence.CatalogStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Syncs a location from Azure and keeps what is served in memory, rendered once per sync, so that reads cost no
 * database or Azure call. Syncs run at start and on every period ({@link PeriodicSync}), on RefreshVersions (a saga
 * step) and, on worker threads of its own, for the first request of a location not yet known: never on a Kafka or
 * HTTP I/O thread.
 */
@ApplicationScoped
public class VersionSync {
    private static final Logger LOG = Logger.getLogger(VersionSync.class);

    @Inject
    AzureVersionSource azure;

    @Inject
    CatalogStore store;

    @Inject
    VersionCatalogConfig config;

    @Inject
    VersionsTopic topic;

    @Inject
    PeriodicSync periodic;

    /**
     * First requests for locations not known yet, in flight or queued at once: each costs Azure reads from the
     * subscription's budget, and any signed-in caller can name a new one.
     */
    public static final int MAX_FIRST_SYNCS = 16;

    private final Map<String, CatalogView> views = new ConcurrentHashMap<>();
    private final Map<String, Instant> unknownUntil = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<SyncResult>> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    // Two threads: a location that hangs in Azure does not hold every other one up.
    private final ExecutorService worker = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "version-sync-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    void onStart(@Observes StartupEvent event) {
        try {
            for (CatalogStore.Stored stored : store.all()) {
                views.put(stored.catalog().location(), CatalogView.of(stored.catalog(), stored.stale(),
                        stored.sourceApi(), stored.lastError()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not load the stored catalogs; serving what the first sync brings: %s", e.toString());
        }
        submit(topic::ensureCompacted);
        try {
            periodic.dueNow(knownLocations(), Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("could not schedule the start-up sync; the periodic one does it: %s", e.toString());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /** What is served for the location right now. */
    public Optional<CatalogView> view(String location) {
        return Optional.ofNullable(views.get(location));
    }

    /** Configured locations first, then every other one synced since. */
    public List<String> knownLocations() {
        Set<String> all = new LinkedHashSet<>();
        config.locations().stream().map(Locations::normalize).forEach(all::add);
        views.keySet().stream().sorted().forEach(all::add);
        return List.copyOf(all);
    }

    public List<String> configuredLocations() {
        return config.locations().stream().map(Locations::normalize).distinct().toList();
    }

    /** True while Azure's last word on the location was that it does not offer AKS there. */
    public boolean isKnownUnknown(String location) {
        Instant until = unknownUntil.get(location);
        return until != null && Instant.now().isBefore(until) && !views.containsKey(location);
    }

    /**
     * Syncs the location on the worker; concurrent calls for one location share one sync. Fails at once with
     * {@link TooManyLookupsException} while {@link #MAX_FIRST_SYNCS} other locations are being synced this way.
     */
    public CompletableFuture<SyncResult> syncAsync(String location) {
        CompletableFuture<SyncResult> running = inFlight.get(location);
        if (running != null) {
            return running;
        }
        if (inFlight.size() >= MAX_FIRST_SYNCS) {
            return CompletableFuture.failedFuture(new TooManyLookupsException());
        }
        CompletableFuture<SyncResult> created = new CompletableFuture<>();
        running = inFlight.putIfAbsent(location, created);
        if (running != null) {
            return running;
        }
        try {
            submit(() -> {
                try {
                    created.complete(syncNow(location));
                } catch (Throwable t) {
                    created.completeExceptionally(t);
                } finally {
                    inFlight.remove(location, created);
                }
            });
        } catch (RuntimeException e) {
            inFlight.remove(location, created);
            created.completeExceptionally(e);
        }
        return created;
    }

    /** Runs a task on the sync worker. */
    public void submit(Runnable task) {
        pending.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "version sync task failed");
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            throw e;
        }
    }

    /** {@link #syncAsync} refused a location: too many others are being looked up at once. */
    public static final class TooManyLookupsException extends RuntimeException {
        TooManyLookupsException() {
            super(MAX_FIRST_SYNCS + " other locations are being looked up in Azure right now", null, false, false);
        }
    }

    /** Syncs queued or running: first requests, and locations whose (start-up or periodic) sync is due. */
    public long pendingTasks() {
        return pending.get() + periodic.due(Instant.now());
    }

    /**
     * One location, on the calling thread: blocks on Azure, so only ever called on the worker or in tests. Azure's
     * failures are its result; the database away is thrown.
     */
    public SyncResult syncNow(String location) {
        try {
            FetchedVersions versions = azure.fetch(location);
            FetchedVersions fetched = new FetchedVersions(versions.catalog().withVmSizes(vmSizes(location)),
                    versions.sourceApi());
            CatalogStore.Stored stored = store.recordSuccess(fetched);
            CatalogView view = CatalogView.of(stored.catalog(), false, stored.sourceApi(), null);
            views.put(location, view);
            unknownUntil.remove(location);
            periodic.remember(location, Instant.now());
            LOG.debugf("synced %s from %s: %s", location, fetched.sourceApi(), stored.changed() ? "changed" : "unchanged");
            return new SyncResult(location, stored.changed() ? SyncResult.Outcome.CHANGED : SyncResult.Outcome.UNCHANGED,
                    view, null, null);
        } catch (UnknownLocationException e) {
            Instant now = Instant.now();
            unknownUntil.values().removeIf(until -> !now.isBefore(until));
            unknownUntil.put(location, now.plus(config.unknownLocationTtl()));
            CatalogView view = markStale(location, e.getMessage());
            return new SyncResult(location, SyncResult.Outcome.UNKNOWN_LOCATION, view, e.getMessage(),
                    AzureVersionSource.code(e.getCause()));
        } catch (RuntimeException e) {
            if (Outages.isDatabaseOutage(e)) {
                // Not Azure's failure: the caller waits the outage out (a RefreshVersions step, the periodic sync)
                // or answers 503 (a first request), and the location is synced again once the database is back.
                throw e;
            }
            String error = describe(e);
            LOG.warnf("sync of %s failed; serving the last good catalog: %s", location, error);
            CatalogView view = markStale(location, error);
            return new SyncResult(location, SyncResult.Outcome.FAILED, view, error, armCode(e));
        }
    }

    /**
     * Empty when Azure does not give them (it failed, or the identity may read AKS but not compute SKUs): the
     * versions matter more, and the store keeps the sizes it had.
     */
    private List<VmSize> vmSizes(String location) {
        try {
            return azure.vmSizes(location);
        } catch (RuntimeException e) {
            LOG.warnf("the VM sizes of %s could not be read; keeping the last ones: %s", location, describe(e));
            return List.of();
        }
    }

    private CatalogView markStale(String location, String error) {
        try {
            Optional<CatalogView> stale = store.recordFailure(location, error)
                    .map(s -> CatalogView.of(s.catalog(), true, s.sourceApi(), s.lastError()));
            stale.ifPresent(v -> views.put(location, v));
            return stale.orElse(null);
        } catch (RuntimeException e) {
            // The database is away too: keep serving what is in memory, flagged stale.
            CatalogView current = views.get(location);
            if (current == null) {
                return null;
            }
            CatalogView stale = CatalogView.of(current.catalog(), true, current.sourceApi(), error);
            views.put(location, stale);
            return stale;
        }
    }

    private static String armCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String code = AzureVersionSource.code(t);
            if (code != null) {
                return code;
            }
        }
        return null;
    }

    static String describe(Throwable e) {
        if (e instanceof TimeoutException) {
            return "Azure did not answer in time";
        }
        String code = armCode(e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // ARM messages repeat status line and body; the first line says it.
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        return code == null ? message : "Azure answered " + code + ": " + message;
    }
}
