package io.akscompute.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Which environment variables a service reads, derived from what it is built from: the keys of its
 * application.properties and of common/runtime's shared defaults, every {@code @ConfigProperty(name=...)} and
 * {@code @ConfigMapping} of its code and of common's, the run-time properties of the Quarkus extensions it has
 * (their configuration model), the Kafka client settings Quarkus passes on from {@code kafka.*}
 * (KafkaRuntimeConfigProducer), MicroProfile JWT's names, and the environment azure-identity reads.
 * An environment variable names a property the MicroProfile Config way: upper case, every other character '_'.
 */
final class ServiceSettings {
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

    private final String service;
    /** Exact environment variable names. */
    private final Set<String> names = new TreeSet<>();
    /** Environment variable patterns (a map key of a @ConfigMapping is any segment). */
    private final List<Pattern> patterns = new ArrayList<>();

    private ServiceSettings(String service) {
        this.service = service;
    }

    static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    static ServiceSettings of(String service) {
        ServiceSettings s = new ServiceSettings(service);
        for (Map<String, String> props : List.of(Repo.applicationProperties(service), Repo.sharedProperties())) {
            props.keySet().forEach(k -> s.names.add(env(k.startsWith("%") ? k.substring(k.indexOf('.') + 1) : k)));
        }
        for (Path source : sources(service)) {
            String text = read(source);
            Matcher m = CONFIG_PROPERTY.matcher(text);
            while (m.find()) {
                s.names.add(env(m.group(1)));
            }
            Matcher mapping = CONFIG_MAPPING.matcher(text);
            if (mapping.find()) {
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) {
                    throw new IllegalStateException(source + " has no package");
                }
                String className = pkg.group(1) + "." + source.getFileName().toString().replace(".java", "");
                try {
                    Class<?> type = Class.forName(className);
                    String prefix = type.getAnnotation(ConfigMapping.class).prefix();
                    s.mapping(Pattern.quote(env(prefix)), type, new HashSet<>());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(className + " (" + source + ") is not on the test classpath", e);
                }
            }
        }
        s.names.addAll(QUARKUS_RUN_TIME);
        KAFKA_CLIENT.forEach(k -> s.names.add(env("kafka." + k)));
        s.names.addAll(constants(org.eclipse.microprofile.jwt.config.Names.class, "", true));
        s.names.addAll(constants(com.azure.core.util.Configuration.class, "PROPERTY_AZURE_", false));
        // fixed when the image is built: an environment variable would change nothing
        s.names.removeAll(QUARKUS_BUILD_TIME);
        return s;
    }

    /** Whether the service reads this environment variable. */
    boolean reads(String variable) {
        return names.contains(variable) || patterns.stream().anyMatch(p -> p.matcher(variable).matches());
    }

    String service() {
        return service;
    }

    /** The source files whose configuration the service reads: its own and common's modules. */
    private static List<Path> sources(String service) {
        List<Path> roots = new ArrayList<>();
        roots.add(Repo.ROOT.resolve(service).resolve("src/main/java"));
        try (Stream<Path> common = Files.list(Repo.ROOT.resolve("common"))) {
            common.map(p -> p.resolve("src/main/java")).filter(Files::isDirectory).sorted().forEach(roots::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every property of a @ConfigMapping interface, as environment variable patterns. */
    private void mapping(String envPrefix, Class<?> type, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return;
        }
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() != 0 || m.isDefault() || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            WithName withName = m.getAnnotation(WithName.class);
            String name = withName != null ? withName.value() : kebab(m.getName());
            String prefix = envPrefix + "_" + Pattern.quote(env(name));
            property(prefix, m.getGenericReturnType(), seen);
        }
    }

    private void property(String envPrefix, Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw)) {
                // a key is one segment, or a quoted one ("__KEY_WITH_DOTS__" in the environment)
                property(envPrefix + "_(?:[A-Z0-9]+|_[A-Z0-9_]+_)", args[1], new HashSet<>(seen));
                return;
            }
            if (Optional.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) {
                property(envPrefix, args[0], seen);
                return;
            }
        }
        if (type instanceof Class<?> c && c.isInterface() && c.getName().startsWith("io.akscompute")) {
            mapping(envPrefix, c, new HashSet<>(seen));
            return;
        }
        patterns.add(Pattern.compile(envPrefix));
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Set<String> constants(Class<?> holder, String fieldPrefix, boolean asProperty) {
        Set<String> out = new TreeSet<>();
        for (Field f : holder.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                    && f.getName().startsWith(fieldPrefix)) {
                try {
                    String v = (String) f.get(null);
                    out.add(asProperty ? env(v) : v);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    /** Kafka client settings: what a producer, a consumer or an admin client takes. */
    private static final Set<String> KAFKA_CLIENT;
    /** The run-time properties of every Quarkus extension on the classpath, as their model names them. */
    private static final Set<String> QUARKUS_RUN_TIME = new TreeSet<>();
    /** And the ones fixed at build time. */
    private static final Set<String> QUARKUS_BUILD_TIME = new TreeSet<>();

    static {
        Set<String> kafka = new TreeSet<>();
        kafka.addAll(ProducerConfig.configNames());
        kafka.addAll(ConsumerConfig.configNames());
        kafka.addAll(AdminClientConfig.configNames());
        KAFKA_CLIENT = Set.copyOf(kafka);
        quarkusModel();
    }

    private static void quarkusModel() {
        ObjectMapper json = new ObjectMapper();
        try {
            var models = ServiceSettings.class.getClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
            int count = 0;
            while (models.hasMoreElements()) {
                URL url = models.nextElement();
                try (InputStream in = url.openStream()) {
                    collect(json.readTree(in));
                }
                count++;
            }
            if (count == 0) {
                throw new IllegalStateException("no Quarkus configuration model on the test classpath");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node) {
        if (node.isObject()) {
            JsonNode path = node.get("path");
            if (path != null && path.has("environmentVariable")) {
                String variable = path.get("environmentVariable").asText();
                (node.path("phase").asText().equals("RUN_TIME") ? QUARKUS_RUN_TIME : QUARKUS_BUILD_TIME).add(variable);
            }
            node.forEach(ServiceSettings::collect);
        } else if (node.isArray()) {
            node.forEach(ServiceSettings::collect);
        }
    }
}
