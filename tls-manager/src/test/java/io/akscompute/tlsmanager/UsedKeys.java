package io.akscompute.tlsmanager;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every private key the tests handed to tls-manager or read back from it, as the strings a leak would show. */
public final class UsedKeys {
    private static final Set<String> KEYS = ConcurrentHashMap.newKeySet();

    private UsedKeys() {
    }

    public static String remember(String keyPem) {
        KEYS.add(keyPem);
        return keyPem;
    }

    public static Set<String> all() {
        return Set.copyOf(KEYS);
    }

    /** The PEM, its base64 body in one piece and line by line, and a stretch of the base64 a Secret would carry. */
    public static List<String> needles(String keyPem) {
        List<String> needles = new ArrayList<>();
        List<String> body = keyPem.lines().filter(l -> !l.startsWith("-----") && !l.isBlank()).toList();
        if (String.join("", body).length() < 200) {
            return needles; // not a real key (the tests' deliberately broken uploads): nothing secret to look for
        }
        needles.add(keyPem.trim());
        needles.add(String.join("", body));
        body.stream().filter(l -> l.length() >= 40).forEach(needles::add);
        String secretForm = Base64.getEncoder().encodeToString(keyPem.getBytes(StandardCharsets.UTF_8));
        needles.add(secretForm.substring(100, 180));
        return needles;
    }
}
