package io.akscompute.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The JDK's AOT cache (JDK 25 and later) for each service, the local broker and the Azure emulator: classes loaded
 * and linked, method profiles and compiled code from an earlier run, so that a start repeats little of its class
 * loading and warm-up. A process without a cache newer than its build runs as the training run: it writes its cache
 * when it stops (JEP 514). Only a service's first replica trains; the others run without until a cache exists.
 */
record AotCache(Path dir) {

    static final int FIRST_JDK = 25;

    static AotCache in(Path dir) {
        return in(dir, Runtime.version().feature());
    }

    /** The same for a JDK of that feature version: the launcher's, which the services run on too. */
    static AotCache in(Path dir, int jdk) {
        if (jdk < FIRST_JDK) {
            throw new IllegalStateException("the AOT cache needs JDK " + FIRST_JDK + " or later; this is JDK "
                    + jdk + " (run the launcher with a newer java: the services use the same)");
        }
        return new AotCache(dir);
    }

    Path file(String service) {
        return dir.resolve(service + ".aot");
    }

    /**
     * Whether each of these services, the broker and the emulator has a cache from its current build (else its next
     * start trains one).
     */
    boolean trainedFor(Path repo, List<ServiceProcess> services) {
        return services.stream().allMatch(s -> fresh(file(s.name()), s.runnable(repo)))
                && fresh(file(KafkaBrokerProcess.NAME), KafkaBrokerProcess.classpath(repo))
                && fresh(file(AzureEmulatorProcess.NAME), AzureEmulatorProcess.jar(repo));
    }

    /** The JVM options for this start: use the cache, train it, or neither (a further replica while training). */
    List<String> jvmOptions(ServiceProcess s, Path runnable) {
        return s.replica() == 0 ? jvmOptions(s.name(), runnable) : usedIfFresh(s.name(), runnable);
    }

    /** The same for a process of which there is one (the broker, the emulator): use the cache, or train it. */
    List<String> jvmOptions(String name, Path runnable) {
        List<String> use = usedIfFresh(name, runnable);
        if (!use.isEmpty()) {
            return use;
        }
        Path cache = file(name);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("-XX:AOTCacheOutput=" + cache);
    }

    /**
     * The cache is mapped where it was written unless that address is taken: relocating it (the JDK's default, for
     * address randomisation) writes to every page of it, which made 50 MB more of the attacher's memory private
     * (docs/benchmarks.md).
     */
    private List<String> usedIfFresh(String name, Path runnable) {
        Path cache = file(name);
        return fresh(cache, runnable) ? using(cache) : List.of();
    }

    static List<String> using(Path cache) {
        return List.of("-XX:AOTCache=" + cache, "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    }

    /** Whether a start with these options writes the cache when it stops, which takes longer than a plain stop. */
    static boolean trains(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:AOTCacheOutput="));
    }

    /**
     * How long a process started with these options may take to stop: a training run writes its cache after it has
     * stopped, a minute or more on two cores with four at once.
     */
    static Duration stopGrace(List<String> jvmOptions) {
        return trains(jvmOptions) ? Duration.ofMinutes(5) : ManagedProcess.STOP_GRACE;
    }

    /**
     * A cache from an older build would be refused by the JVM (its class path changed): train again instead.
     * {@code runnable} is the jar, or the broker's class path directory (changed when its jars are).
     */
    private static boolean fresh(Path cache, Path runnable) {
        try {
            return Files.exists(cache)
                    && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(runnable)) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
