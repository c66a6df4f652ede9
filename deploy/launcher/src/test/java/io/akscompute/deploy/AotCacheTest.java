package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which AOT cache options a service, the broker or the emulator starts with: the cache of its current build, a
 * training run, or none.
 */
class AotCacheTest {
    @TempDir
    Path repo;

    private final ServiceProcess attacher = new ServiceProcess("attacher", "attacher", 8083);

    private Path build(Instant at) throws Exception {
        Path jar = attacher.runnable(repo);
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "a build");
        Files.setLastModifiedTime(jar, FileTime.from(at));
        return jar;
    }

    /** The broker's jars and the emulator's jar, as their builds leave them, and a cache of each made after. */
    private void infrastructureTrained(AotCache aot) throws Exception {
        Path lib = KafkaBrokerProcess.classpath(repo);
        Files.createDirectories(lib);
        Files.setLastModifiedTime(lib, FileTime.from(Instant.now().minusSeconds(60)));
        Path emulator = AzureEmulatorProcess.jar(repo);
        Files.createDirectories(emulator.getParent());
        Files.writeString(emulator, "the emulator's build");
        Files.setLastModifiedTime(emulator, FileTime.from(Instant.now().minusSeconds(60)));
        Files.createDirectories(aot.dir());
        Files.writeString(aot.file(KafkaBrokerProcess.NAME), "the broker's cache");
        Files.writeString(aot.file(AzureEmulatorProcess.NAME), "the emulator's cache");
    }

    /** The broker and the emulator trained, and the attacher's cache made after its build. */
    private AotCache allTrained() throws Exception {
        AotCache aot = new AotCache(repo.resolve("aot"));
        infrastructureTrained(aot);
        Files.writeString(aot.file("attacher"), "a cache");
        return aot;
    }

    @Test
    void aServiceWithoutACacheTrainsOneOnThisRunAndIsGivenTimeToWriteItWhenItStops() throws Exception {
        Path jar = build(Instant.now());
        AotCache aot = new AotCache(repo.resolve("aot"));
        infrastructureTrained(aot);

        assertStart(aot, jar, java.util.List.of("-XX:AOTCacheOutput=" + aot.file("attacher")), true);
    }

    @Test
    void aCacheNewerThanTheBuildIsUsed() throws Exception {
        Path jar = build(Instant.now().minusSeconds(60));
        AotCache aot = allTrained();

        assertStart(aot, jar, AotCache.using(aot.file("attacher")), false);
        assertThat(AotCache.using(aot.file("attacher"))).contains("-XX:AOTCache=" + aot.file("attacher"),
                "-XX:ArchiveRelocationMode=0");
    }

    /** The options the attacher starts with, whether that start trains, and whether the cache counts as made. */
    private void assertStart(AotCache aot, Path jar, java.util.List<String> expected, boolean trains) {
        var options = aot.jvmOptions(attacher, jar);

        assertThat(options).containsExactlyElementsOf(expected);
        assertThat(AotCache.trains(options)).isEqualTo(trains);
        if (trains) {
            assertThat(AotCache.stopGrace(options)).isGreaterThan(ManagedProcess.STOP_GRACE);
        } else {
            assertThat(AotCache.stopGrace(options)).isEqualTo(ManagedProcess.STOP_GRACE);
        }
        assertThat(aot.trainedFor(repo, java.util.List.of(attacher))).isEqualTo(!trains);
    }

    @Test
    void aCacheOlderThanTheBuildIsTrainedAgainByTheFirstReplicaOnly() throws Exception {
        AotCache aot = new AotCache(repo.resolve("aot"));
        Files.createDirectories(aot.dir());
        Files.writeString(aot.file("attacher"), "a cache of the last build");
        Files.setLastModifiedTime(aot.file("attacher"), FileTime.from(Instant.now().minusSeconds(60)));
        Path jar = build(Instant.now());

        assertThat(aot.jvmOptions(attacher.replica(1, 18083), jar)).isEmpty();
        assertThat(aot.jvmOptions(attacher, jar)).containsExactly("-XX:AOTCacheOutput=" + aot.file("attacher"));
        assertThat(aot.file("attacher")).as("the stale cache is gone, not taken for the new one").doesNotExist();
    }

    @Test
    void theBrokerAndTheEmulatorTrainTheirOwnCachesAndUntilTheyHaveThemTheSuiteIsNotTrained() throws Exception {
        Path jar = build(Instant.now().minusSeconds(60));
        AotCache aot = allTrained();
        assertThat(aot.trainedFor(repo, java.util.List.of(attacher))).isTrue();

        for (String name : java.util.List.of(KafkaBrokerProcess.NAME, AzureEmulatorProcess.NAME)) {
            Path built = name.equals(KafkaBrokerProcess.NAME) ? KafkaBrokerProcess.classpath(repo)
                    : AzureEmulatorProcess.jar(repo);
            Files.setLastModifiedTime(built, FileTime.from(Instant.now().plusSeconds(1)));

            var options = aot.jvmOptions(name, built);

            assertThat(options).as(name).containsExactly("-XX:AOTCacheOutput=" + aot.file(name));
            assertThat(AotCache.trains(options)).isTrue();
            assertThat(aot.trainedFor(repo, java.util.List.of(attacher))).as("the attacher has its cache, " + name
                    + " not").isFalse();
            assertThat(aot.jvmOptions(attacher, jar)).containsExactlyElementsOf(AotCache.using(aot.file("attacher")));
            Files.writeString(aot.file(name), "trained again");
            Files.setLastModifiedTime(aot.file(name), FileTime.from(Instant.now().plusSeconds(2)));
        }
        assertThat(aot.trainedFor(repo, java.util.List.of(attacher))).isTrue();
    }

    @Test
    void onAJdkBefore25TheOptionIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> AotCache.in(repo, 24)).hasMessageContaining("needs JDK 25 or later")
                .hasMessageContaining("this is JDK 24");
        assertThat(AotCache.in(repo, 25).file("attacher")).isEqualTo(repo.resolve("attacher.aot"));
    }
}
