package io.akscompute.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes API discovery documents of an emulated cluster (legacy, unaggregated: clients fall back to it),
 * listing the resources its store serves: what kubectl reads before {@code get secret/...} or {@code get deploy,svc}.
 */
final class KubernetesDiscovery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    /** A resource: plural name, kind, whether namespaced, short names. */
    private record Resource(String name, String kind, boolean namespaced, List<String> shortNames) {
    }

    private static final Map<String, List<Resource>> GROUP_VERSIONS = Map.of(
            "v1", List.of(
                    new Resource("namespaces", "Namespace", false, List.of("ns")),
                    new Resource("secrets", "Secret", true, List.of()),
                    new Resource("services", "Service", true, List.of("svc")),
                    new Resource("configmaps", "ConfigMap", true, List.of("cm")),
                    new Resource("pods", "Pod", true, List.of("po")),
                    new Resource("events", "Event", true, List.of("ev")),
                    new Resource("serviceaccounts", "ServiceAccount", true, List.of("sa")),
                    new Resource("endpoints", "Endpoints", true, List.of("ep"))),
            "apps/v1", List.of(
                    new Resource("deployments", "Deployment", true, List.of("deploy")),
                    new Resource("replicasets", "ReplicaSet", true, List.of("rs")),
                    new Resource("statefulsets", "StatefulSet", true, List.of("sts")),
                    new Resource("daemonsets", "DaemonSet", true, List.of("ds"))));

    private KubernetesDiscovery() {
    }

    /** The collection paths of every namespaced resource served, in that namespace: what a namespace holds. */
    static List<String> namespacedCollections(String namespace) {
        return GROUP_VERSIONS.entrySet().stream()
                .flatMap(gv -> gv.getValue().stream().filter(Resource::namespaced).map(r ->
                        (gv.getKey().contains("/") ? "/apis/" : "/api/") + gv.getKey() + "/namespaces/" + namespace
                                + "/" + r.name()))
                .sorted().toList();
    }

    /** The discovery document at that path of the cluster's API, if it is one. */
    static Optional<String> answer(String path) {
        return switch (path) {
            case "/" -> Optional.of(rootPaths());
            case "/api", "/api/" -> Optional.of(apiVersions());
            case "/apis", "/apis/" -> Optional.of(apiGroups());
            case "/api/v1", "/api/v1/" -> Optional.of(resources("v1"));
            case "/openapi/v3", "/openapi/v3/" -> Optional.of(openApiRoot());
            case "/openapi/v3/api/v1" -> Optional.of(openApi("v1"));
            default -> {
                if (path.startsWith("/openapi/v3/apis/") && GROUP_VERSIONS.containsKey(path.substring(17))) {
                    yield Optional.of(openApi(path.substring(17)));
                }
                String groupVersion = path.startsWith("/apis/") ? path.substring(6).replaceAll("/$", "") : null;
                yield groupVersion != null && GROUP_VERSIONS.containsKey(groupVersion)
                        ? Optional.of(resources(groupVersion)) : Optional.empty();
            }
        };
    }

    /** A discovery path of a group this API does not serve, or an OpenAPI document other than ours: 404. */
    static boolean isUnservedDiscovery(String path) {
        if (path.startsWith("/openapi/")) {
            return true;
        }
        if (!path.startsWith("/apis/")) {
            return false;
        }
        String[] segments = path.substring(6).split("/");
        return segments.length <= 2 && !GROUP_VERSIONS.containsKey(path.substring(6).replaceAll("/$", ""));
    }

    /** The OpenAPI v3 index: one document per group version. */
    private static String openApiRoot() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode paths = root.putObject("paths");
        GROUP_VERSIONS.keySet().stream().sorted().forEach(gv -> {
            String key = gv.contains("/") ? "apis/" + gv : "api/" + gv;
            paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=akscompute-emulator");
        });
        return root.toString();
    }

    /**
     * A group version's OpenAPI v3 document, as far as clients read it: every resource's paths, whose write
     * operations take {@code fieldValidation} (so kubectl leaves validation to the server instead of asking for
     * schemas), tagged with the kind they serve. No schemas: the store takes any well-formed object.
     */
    private static String openApi(String groupVersion) {
        ObjectNode doc = JSON.createObjectNode().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", "emulated");
        ObjectNode paths = doc.putObject("paths");
        String prefix = groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion;
        String group = groupVersion.contains("/") ? groupVersion.substring(0, groupVersion.indexOf('/')) : "";
        String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
        for (Resource r : GROUP_VERSIONS.get(groupVersion)) {
            String collection = prefix + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.name();
            ObjectNode gvk = JSON.createObjectNode().put("group", group).put("version", version).put("kind", r.kind());
            ObjectNode item = paths.putObject(collection + "/{name}");
            for (String verb : List.of("get", "put", "patch", "delete")) {
                operation(item, verb, gvk);
            }
            ObjectNode list = paths.putObject(collection);
            operation(list, "post", gvk);
            operation(list, "get", gvk);
        }
        return doc.toString();
    }

    private static void operation(ObjectNode path, String verb, ObjectNode gvk) {
        ObjectNode op = path.putObject(verb);
        op.set("x-kubernetes-group-version-kind", gvk.deepCopy());
        if (!verb.equals("get") && !verb.equals("delete")) {
            op.putArray("parameters").addObject().put("name", "fieldValidation").put("in", "query")
                    .putObject("schema").put("type", "string");
        }
        op.putObject("responses").putObject("200").put("description", "OK");
    }

    /** A Kubernetes {@code Status} answer. */
    static String status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return status.toString();
    }

    /** What an API server answers at {@code /}: the paths it serves. */
    private static String rootPaths() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode paths = root.putArray("paths").add("/api").add("/api/v1").add("/apis");
        GROUP_VERSIONS.keySet().stream().filter(gv -> gv.contains("/")).sorted().forEach(gv ->
                paths.add("/apis/" + gv.substring(0, gv.indexOf('/'))).add("/apis/" + gv));
        paths.add("/version");
        return root.toString();
    }

    private static String apiVersions() {
        ObjectNode versions = JSON.createObjectNode().put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", "localhost:443");
        return versions.toString();
    }

    private static String apiGroups() {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        GROUP_VERSIONS.keySet().stream().filter(gv -> gv.contains("/")).sorted().forEach(gv -> {
            ObjectNode group = groups.addObject().put("name", gv.substring(0, gv.indexOf('/')));
            ObjectNode version = JSON.createObjectNode().put("groupVersion", gv)
                    .put("version", gv.substring(gv.indexOf('/') + 1));
            group.putArray("versions").add(version);
            group.set("preferredVersion", version.deepCopy());
        });
        return list.toString();
    }

    private static String resources(String groupVersion) {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode resources = list.putArray("resources");
        for (Resource r : GROUP_VERSIONS.get(groupVersion)) {
            ObjectNode resource = resources.addObject().put("name", r.name())
                    .put("singularName", r.kind().toLowerCase()).put("namespaced", r.namespaced())
                    .put("kind", r.kind());
            VERBS.forEach(resource.putArray("verbs")::add);
            if (!r.shortNames().isEmpty()) {
                r.shortNames().forEach(resource.putArray("shortNames")::add);
            }
        }
        return list.toString();
    }
}
