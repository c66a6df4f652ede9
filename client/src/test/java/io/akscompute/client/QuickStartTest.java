package io.akscompute.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example is client/example/QuickStart.java as it is, and it compiles against this client. */
class QuickStartTest {
    static final Path EXAMPLE = Path.of("example/QuickStart.java");

    @Test
    void theReadmeShowsTheExampleFileAsItIs() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).contains("```java\n" + Files.readString(EXAMPLE) + "```\n");
    }

    @Test
    void theExampleCompiles(@TempDir Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                EXAMPLE.toString());
        assertThat(rc).as(errors.toString()).isZero();
        assertThat(out.resolve("QuickStart.class")).exists();
    }
}
