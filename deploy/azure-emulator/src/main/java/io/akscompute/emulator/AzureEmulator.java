package io.akscompute.emulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Azure emulator: the Azure Resource Manager subset akscompute uses, over HTTPS on localhost, with
 * a Kubernetes API per emulated cluster. Embedded: {@code AzureEmulator.start(EmulatorOptions.defaults())}
 * and {@link #stop()}; standalone: {@link AzureEmulatorMain}.
 */
public final class AzureEmulator implements AutoCloseable {

    /** The subscription seeds go to unless told otherwise; every subscription id is accepted. */
    public static final String DEFAULT_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

    private static final System.Logger LOG = System.getLogger(AzureEmulator.class.getName());

    private final HttpsServer server;
    private final ExecutorService executor;
    private final KubernetesApis kubernetes;
    private final TlsMaterial tls;
    private final Path stateDir;
    private final ArmResources arm;
    private final EmulatorControl control;

    private AzureEmulator(HttpsServer server, ExecutorService executor, KubernetesApis kubernetes, TlsMaterial tls,
                          Path stateDir, ArmResources arm, EmulatorControl control) {
        this.server = server;
        this.executor = executor;
        this.kubernetes = kubernetes;
        this.tls = tls;
        this.stateDir = stateDir;
        this.arm = arm;
        this.control = control;
    }

    static {
        // The JDK server leaves Nagle on: a reply's last segment then waits for the client's delayed ACK, about
        // 40 ms per call on a kept-alive connection. Read once, when the JVM's first HttpServer is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Starts an emulator; it loads the state and trust material of {@code options.stateDir()} if there are any. */
    public static AzureEmulator start(EmulatorOptions options) throws IOException {
        Path stateDir = options.stateDir() != null ? options.stateDir() : Files.createTempDirectory("azure-emulator");
        Files.createDirectories(stateDir);
        TlsMaterial tls = TlsMaterial.loadOrCreate(stateDir);
        ObjectMapper json = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();

        KubernetesApis kubernetes = new KubernetesApis();
        FaultInjector faults = new FaultInjector();
        RequestCounter counts = new RequestCounter();
        ArmResources arm = new ArmResources(json, stateDir, kubernetes, faults, options.settings());
        EmulatorSettings startSettings = options.settings() != null ? options.settings() : EmulatorSettings.defaults();
        EmulatorControl control = new EmulatorControl(arm, faults, counts, startSettings);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()),
                64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
        // A pool that grows: an injected hang must not hold up other calls.
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        AzureEmulator emulator = new AzureEmulator(server, executor, kubernetes, tls, stateDir, arm, control);
        server.createContext("/", new ArmHttpHandler(json, new ArmRoutes(arm), arm, faults, counts));
        server.createContext(ControlHttpHandler.PREFIX, new ControlHttpHandler(json, control, () -> emulator.info(json)));
        server.createContext(KubernetesFront.PREFIX, new KubernetesFront(arm, counts, faults));
        kubernetes.servedAt("https://localhost:" + server.getAddress().getPort(), Files.readString(tls.caPem()));
        server.start();
        LOG.log(System.Logger.Level.INFO, "Azure emulator serving " + emulator.armUrl() + " (state in " + stateDir + ")");
        return emulator;
    }

    /** The Azure Resource Manager endpoint, e.g. {@code https://localhost:12345/}. */
    public URI armUrl() {
        return URI.create("https://localhost:" + port() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The CA certificate (PEM) a client must trust. */
    public Path caPem() {
        return tls.caPem();
    }

    /** The same CA as a PKCS12 truststore, password {@link #truststorePassword()}. */
    public Path truststore() {
        return tls.truststore();
    }

    public String truststorePassword() {
        return TlsMaterial.TRUSTSTORE_PASSWORD;
    }

    public EmulatorControl control() {
        return control;
    }

    /** Stops serving; the state stays in the state directory, Kubernetes objects are gone. */
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kubernetes.close();
        arm.flush();
    }

    @Override
    public void close() {
        stop();
    }

    private ObjectNode info(ObjectMapper json) {
        ObjectNode info = json.createObjectNode();
        info.put("armUrl", armUrl().toString());
        info.put("defaultSubscriptionId", DEFAULT_SUBSCRIPTION_ID);
        info.put("caPem", caPem().toString());
        info.put("truststore", truststore().toString());
        info.put("truststorePassword", truststorePassword());
        info.put("stateDir", stateDir.toString());
        return info;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "azure-emulator-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
