package io.akscompute.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The local suite: a real Kafka broker and PostgreSQL, the Azure emulator, then every service as its own
 * process, each waited for until healthy; then the tour through the CLI; then it stays up until Ctrl-C, which
 * stops everything in reverse order.
 */
@Command(name = "run-local", mixinStandardHelpOptions = true,
        description = "Starts the akscompute suite on this machine (Kafka, PostgreSQL, all services) and runs a tour.")
public class LocalSuite implements Callable<Integer> {

    @Option(names = "--repo", description = "Root of the akscompute checkout (default: ${DEFAULT-VALUE}).",
            defaultValue = ".")
    Path repo;

    @Option(names = "--data-dir", description = "Where broker, database and logs keep their data (default: <repo>/.akscompute).")
    Path dataDir;

    @Option(names = {"--no-demo", "--no-tour"}, description = "Start the suite and keep it up, without the tour.")
    boolean noTour;

    @Option(names = {"--exit-after-demo", "--exit-after-tour"},
            description = "Stop the suite once the tour has run; exit 1 if a step did not end as expected.")
    boolean exitAfterTour;

    @Option(names = "--secure", description = "The broker listens with SASL_SSL only (SCRAM-SHA-512 over TLS); every "
            + "client of the suite uses it. Start from an empty --data-dir when switching.")
    boolean secure;

    @Option(names = "--replicas", defaultValue = "1", description = "Instances of every service (default: "
            + "${DEFAULT-VALUE}); the first on its usual port, the others on free ones, all on the one broker and "
            + "PostgreSQL.")
    int replicas;

    @Option(names = "--aot-cache", description = "Start every service, the broker and the emulator with the JDK's "
            + "AOT cache (JDK 25 or later: run the launcher with it). A process without a cache from its current build "
            + "trains one on this run and writes it when it stops, which then takes longer; later starts use it.")
    boolean aotCache;

    public static void main(String[] args) {
        // zonky and the Kafka client log through slf4j-simple; their INFO lines drown the suite's own output.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // The admin client warns on every refused connection while the broker starts.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        System.exit(new CommandLine(new LocalSuite())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    System.err.println("run-local failed: " + e.getMessage());
                    return 1;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        repo = repo.toAbsolutePath().normalize();
        Path data = dataDir == null ? repo.resolve(".akscompute") : dataDir.toAbsolutePath();
        if (!noTour && !Tour.cliBuilt(repo)) {
            throw new IllegalStateException("the CLI is not built (cli/target/akscompute-cli-*-all.jar); build first");
        }
        Files.createDirectories(data);
        AotCache aot = aotCache ? AotCache.in(data.resolve("aot")) : null;
        Suite suite = Suite.prepare(repo, data, SuitePorts.LOCAL, LocalSuite::say, secure, replicas, Map.of(), true,
                aot);
        CountDownLatch stopped = new CountDownLatch(1);
        // Before the start: a Ctrl-C while the suite starts stops what has started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            suite.close();
            stopped.countDown();
        }, "suite-stop"));
        suite.start();

        List<String> surprises = noTour ? List.of() : new Tour(suite, LocalSuite::say).run();
        if (exitAfterTour) {
            return surprises.isEmpty() ? 0 : 1;
        }
        say("\nThe suite is up; Ctrl-C stops everything. Try the CLI (from " + repo + "):");
        Tour.tryNext(suite).forEach(line -> say("  " + line));
        say("Or publish CloudEvents to aks.commands on " + suite.bootstrap() + " yourself and read aks.status.");
        say("Or open the console: " + suite.console().url() + " (who signs in with which password: the line"
                + " 'console' above).");
        stopped.await();
        return 0;
    }

    static void say(String line) {
        System.out.println(line);
    }
}
