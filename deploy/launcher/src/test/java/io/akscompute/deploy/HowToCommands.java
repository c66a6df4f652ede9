package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code az} command lines of the how-to this project reproduces, kept in the test resource
 * {@code how-to-az-commands.txt}. Where the how-to itself is at hand (the workplace's
 * {@code shared/reference/how-to-create-attach-kubernetes.de.md}), the list must be exactly its az lines.
 */
final class HowToCommands {
    private static final Path REFERENCE = Path.of("../../../shared/reference/how-to-create-attach-kubernetes.de.md");

    private HowToCommands() {
    }

    static List<String> lines() throws IOException {
        List<String> kept;
        try (InputStream in = HowToCommands.class.getResourceAsStream("/how-to-az-commands.txt")) {
            kept = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        Path reference = REFERENCE.toAbsolutePath().normalize();
        if (Files.isReadable(reference)) {
            List<String> inReference = Files.readAllLines(reference).stream().map(String::strip)
                    .filter(l -> l.startsWith("az ")).toList();
            assertThat(kept).as("the az lines of " + reference).isEqualTo(inReference);
        }
        return kept;
    }

    /** Runs one line with {@code az} replaced by {@code cli/akscompute} and the placeholders filled in. */
    static Cli run(Suite suite, String line, Map<String, String> env, Map<String, String> placeholders)
            throws IOException, InterruptedException {
        String typed = line;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            typed = typed.replace(p.getKey(), p.getValue());
        }
        List<String> words = split(typed);
        assertThat(words.get(0)).isEqualTo("az");
        return Cli.run(suite, env, words.subList(1, words.size()).toArray(String[]::new));
    }

    /**
     * Words as a shell splits this line: blanks separate, double quotes group. Backquotes stay as typed, as in
     * PowerShell and cmd (a POSIX shell would run them as commands inside double quotes).
     */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
