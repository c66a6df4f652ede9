package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the suite's child processes are started and stopped. */
class ManagedProcessTest {
    @TempDir
    Path logs;

    /**
     * A child leads a session of its own, so a terminal's Ctrl-C (SIGINT to the launcher's process group) reaches
     * the launcher alone, and the launcher stops the services before the broker and the database. The pid the
     * launcher holds is the command's own, as stopping and the RSS readings need.
     */
    @Test
    void aChildRunsInASessionOfItsOwnUnderItsOwnPid() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.isDirectory(Path.of("/proc/self")),
                "a Linux system with setsid");
        ManagedProcess child = ManagedProcess.start("sleeper", List.of("sleep", "60"), Map.of(), logs);
        try {
            // setsid runs first under that pid, then execs the command in place.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .pollInterval(java.time.Duration.ofMillis(10))
                    .until(() -> !statFields(child.pid()).get(0).equals("(setsid)"));
            List<String> stat = statFields(child.pid());
            List<String> ours = statFields(ProcessHandle.current().pid());

            assertThat(stat.get(0)).as("the command's name at the pid the launcher holds").isEqualTo("(sleep)");
            assertThat(stat.get(4)).as("its session").isEqualTo(Long.toString(child.pid()))
                    .isNotEqualTo(ours.get(4));
            assertThat(stat.get(3)).as("its process group").isEqualTo(Long.toString(child.pid()))
                    .isNotEqualTo(ours.get(3));
        } finally {
            child.stop();
        }
        assertThat(child.isAlive()).isFalse();
    }

    /** /proc/<pid>/stat from the command's name on: name, state, parent, process group, session, ... */
    private static List<String> statFields(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String afterPid = stat.substring(stat.indexOf(' ') + 1);
        int nameEnd = afterPid.lastIndexOf(')') + 1;
        List<String> fields = new java.util.ArrayList<>();
        fields.add(afterPid.substring(0, nameEnd));
        fields.addAll(List.of(afterPid.substring(nameEnd + 1).split(" ")));
        return fields;
    }
}
