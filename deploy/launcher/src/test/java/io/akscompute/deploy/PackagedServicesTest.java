package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the services' builds package (the reactor builds them before this module), as the launcher starts it. */
class PackagedServicesTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    /**
     * The JDK's AOT cache leaves out every class of a signed jar, and checks each one's digest as it loads it: the
     * Azure SDK's and BouncyCastle's signatures are removed when a service is packaged (quarkus.class-loading.
     * removed-resources). A new signed dependency, or a signature file renamed by an upgrade, shows here.
     */
    @Test
    void noServiceCarriesASignedJar() throws IOException {
        List<String> signed = new ArrayList<>();
        int jars = 0;
        for (ServiceProcess service : SuitePorts.LOCAL.services()) {
            Path lib = service.runnable(REPO).getParent().resolve("lib/main");
            assertThat(lib).as("%s is packaged (mvn install -DskipTests)", service.name()).isDirectory();
            try (Stream<Path> files = Files.list(lib)) {
                for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                    jars++;
                    try (JarFile file = new JarFile(jar.toFile(), false)) {
                        file.stream().map(e -> e.getName())
                                .filter(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))
                                .forEach(n -> signed.add(service.name() + ": " + jar.getFileName() + " " + n));
                    }
                }
            }
        }
        assertThat(jars).isGreaterThan(100);
        assertThat(signed).isEmpty();
    }
}
