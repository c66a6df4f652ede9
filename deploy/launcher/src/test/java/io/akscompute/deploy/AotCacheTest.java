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
 * Which AOT cache options a service or the broker starts with: the cache of its current build, a training run, or
 * none.
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

    /** The broker's jars, as the build of deploy/kafka-broker leaves them, and a cache made after them. */
    private void brokerTrained(AotCache aot) throws Exception {
        Path lib = KafkaBrokerProcess.classpath(repo);
        Files.createDirectories(lib);
        Files.setLastModifiedTime(lib, FileTime.from(Instant.now().minusSeconds(60)));
        Files.createDirectories(aot.dir());
        Files.writeString(aot.file(KafkaBrokerProcess.NAME), "the broker's cache");
    }

    @Test
    void aServiceWithoutACacheTrainsOneOnThisRunAndIsGivenTimeToWriteItWhenItStops() throws Exception {
        Path jar = build(Instant.now());
        AotCache aot = new AotCache(repo.resolve("aot"));
        brokerTrained(aot);

        assertStart(aot, jar, "-XX:AOTCacheOutput=", true);
    }

    @Test
    void aCacheNewerThanTheBuildIsUsed() throws Exception {
        Path jar = build(Instant.now().minusSeconds(60));
        AotCache aot = new AotCache(repo.resolve("aot"));
        brokerTrained(aot);
        Files.writeString(aot.file("attacher"), "a cache");

        assertStart(aot, jar, "-XX:AOTCache=", false);
    }

    /** The one option the attacher starts with, whether that start trains, and whether the cache counts as made. */
    private void assertStart(AotCache aot, Path jar, String option, boolean trains) {
        var options = aot.jvmOptions(attacher, jar);

        assertThat(options).containsExactly(option + aot.file("attacher"));
        assertThat(AotCache.trains(options)).isEqualTo(trains);
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
    void theBrokerTrainsItsOwnCacheAndUntilItHasOneTheSuiteIsNotTrained() throws Exception {
        Path jar = build(Instant.now().minusSeconds(60));
        AotCache aot = new AotCache(repo.resolve("aot"));
        Files.createDirectories(aot.dir());
        Files.writeString(aot.file("attacher"), "a cache");
        Path lib = KafkaBrokerProcess.classpath(repo);
        Files.createDirectories(lib);

        var options = aot.jvmOptions(KafkaBrokerProcess.NAME, lib);

        assertThat(options).containsExactly("-XX:AOTCacheOutput=" + aot.file(KafkaBrokerProcess.NAME));
        assertThat(AotCache.trains(options)).isTrue();
        assertThat(aot.trainedFor(repo, java.util.List.of(attacher))).as("the attacher has its cache, the broker not")
                .isFalse();
        assertThat(aot.jvmOptions(attacher, jar)).containsExactly("-XX:AOTCache=" + aot.file("attacher"));
    }

    @Test
    void onAJdkBefore25TheOptionIsRefusedWithWhatToDo() {
        if (Runtime.version().feature() >= AotCache.FIRST_JDK) {
            assertThat(AotCache.in(repo)).isNotNull();
            return;
        }
        assertThatThrownBy(() -> AotCache.in(repo)).hasMessageContaining("needs JDK 25 or later");
    }
}
