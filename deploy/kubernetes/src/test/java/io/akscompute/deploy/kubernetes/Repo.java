package io.akscompute.deploy.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The repository this module sits in: the services' configuration and poms, read as the build reads them. */
final class Repo {
    static final Path ROOT = findRoot();

    private Repo() {
    }

    private static Path findRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("common/contracts"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("not inside the akscompute repository: " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static Path kubernetes() {
        return ROOT.resolve("deploy/kubernetes");
    }

    /** A properties file as MicroProfile Config reads it, with profile prefixes ({@code %prod.}) kept. */
    static Map<String, String> properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /** The service's application.properties. */
    static Map<String, String> applicationProperties(String service) {
        return properties(ROOT.resolve(service).resolve("src/main/resources/application.properties"));
    }

    /** Defaults every service shares (common/runtime). */
    static Map<String, String> sharedProperties() {
        return properties(ROOT.resolve("common/runtime/src/main/resources/META-INF/microprofile-config.properties"));
    }

    /** What the service reads in the prod profile: shared defaults, its own file over them, {@code %prod.} on top. */
    static Map<String, String> prodConfig(String service) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map<String, String> source : new Map[] {sharedProperties(), applicationProperties(service)}) {
            source.forEach((k, v) -> {
                if (!k.startsWith("%")) {
                    all.put(k, v);
                }
            });
            source.forEach((k, v) -> {
                if (k.startsWith("%prod.")) {
                    all.put(k.substring("%prod.".length()), v);
                }
            });
        }
        return all;
    }

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    /** Expands {@code ${key}} with the given configuration; unknown keys stay as they are. */
    static String expand(String value, Map<String, String> config) {
        Matcher m = EXPRESSION.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = config.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : expand(v, config)));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** A property of a module's pom.xml ({@code <properties>}). */
    static String pomProperty(String module, String name) {
        try {
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(ROOT.resolve(module).resolve("pom.xml").toFile());
            NodeList properties = doc.getDocumentElement().getElementsByTagName("properties");
            for (int i = 0; i < properties.getLength(); i++) {
                Element e = (Element) properties.item(i);
                if (e.getParentNode() == doc.getDocumentElement()) {
                    NodeList n = e.getElementsByTagName(name);
                    if (n.getLength() > 0) {
                        return n.item(0).getTextContent().trim();
                    }
                }
            }
            throw new IllegalStateException(module + "/pom.xml has no property " + name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + module + "/pom.xml: " + e.getMessage(), e);
        }
    }
}
