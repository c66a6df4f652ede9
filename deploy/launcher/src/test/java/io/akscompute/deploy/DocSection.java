package io.akscompute.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A measured table written into a document of docs/ between {@code <!-- name:begin -->} and its end marker. */
final class DocSection {
    private DocSection() {
    }

    /**
     * Replaces the section {@code name} of {@code doc} (when both markers are there) with {@code body}, and keeps a
     * copy under {@code target/} for runs whose document is not committed.
     */
    static void write(Path repo, String doc, String name, String body) throws IOException {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        String section = begin + "\n" + body + end;
        Path path = repo.resolve(doc);
        String text = Files.exists(path) ? Files.readString(path) : "";
        if (text.contains(begin) && text.contains(end)) {
            text = text.substring(0, text.indexOf(begin)) + section + text.substring(text.indexOf(end) + end.length());
            Files.writeString(path, text, StandardCharsets.UTF_8);
        }
        Files.writeString(repo.resolve("deploy/launcher/target/" + name.replace(':', '-') + ".md"), section,
                StandardCharsets.UTF_8);
    }
}
