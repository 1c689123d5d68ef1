package cn.healthcard.workflow.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one list of what may be called on the process engine over HTTP (docs/decisions/018): the engine REST API
 * ({@code /engine-rest/...}) and the same API inside Camunda's webapps ({@code /camunda/api/engine/engine/{name}/...}),
 * plus the webapps' own plugin APIs. Everything not listed is refused, whoever asks; the callers are administrators
 * anyway (Spring Security lets only ADMIN in), so this list is what an administrator may do to the engine directly.
 *
 * <p>Allowed: reading (GET, HEAD), the queries the REST API takes as POST bodies, job retries (incidents), suspending
 * and resuming a process instance. Refused among others: completing, resolving, submitting or changing tasks (case
 * tasks complete only through the domain services, with their reviewer rules and audit), deployments (only
 * {@link cn.healthcard.workflow.ProcessDeployments}), variables, messages and signals, instance modification,
 * migration and deletion, identity and authorization changes (those come from the application's users), and
 * everything of the Tasklist webapp.
 */
final class EngineApiAllowList {

    /** A method and a path pattern (regular expression over the path relative to the engine). */
    record Rule(String method, Pattern path) {
        boolean matches(String m, String p) {
            return method.equals(m) && path.matcher(p).matches();
        }
    }

    private static final String ID = "[^/]+";

    /** Engine REST API, paths relative to the engine (after {@code /engine-rest} or {@code .../engine/{name}}). */
    static final List<Rule> ENGINE = List.of(
            rule("GET", "(/.*)?"),
            rule("HEAD", "(/.*)?"),
            // queries sent as POST bodies (the same as their GET forms, read only)
            rule("POST", "/(process-instance|task|job|execution|variable-instance|external-task|incident)(/count)?"),
            rule("POST", "/history/(process-instance|activity-instance|task|variable-instance|detail|incident"
                    + "|job-log|decision-instance|user-operation)(/count)?"),
            // incidents: give failed jobs new retries
            rule("PUT", "/job/" + ID + "/retries"),
            rule("POST", "/job/retries"),
            // stop and resume a running case without changing it
            rule("PUT", "/process-instance/" + ID + "/suspended"));

    /** The webapps' own APIs, paths relative to {@code /camunda/api}. The Tasklist's is not among them. */
    static final List<Rule> WEBAPP = List.of(
            rule("GET", "/(cockpit|admin|welcome)(/.*)?"),
            // Cockpit's plugin resources take their (read-only) queries as POST bodies
            rule("POST", "/cockpit/plugin/" + ID + "/" + ID + "/(process-instance|process-definition|incident"
                    + "|process-definition/" + ID + "/called-process-definitions)(/count)?"),
            rule("POST", "/admin/auth/user/" + ID + "/logout"));

    private static final Pattern ENGINE_REST = Pattern.compile("/engine-rest(/engine/" + ID + ")?(?<rest>(/.*)?)");
    private static final Pattern WEBAPP_ENGINE = Pattern.compile("/camunda/api/engine(/engine(/" + ID
            + ")?)?(?<rest>(/.*)?)");
    private static final Pattern WEBAPP_API = Pattern.compile("/camunda/api(?<rest>/.*)");

    private EngineApiAllowList() {
    }

    /**
     * Whether the request may pass. Paths outside the engine's HTTP entrances (the rest of the application) are not
     * this list's business and pass; the Tasklist webapp ({@code /camunda/app/tasklist}) never does.
     *
     * @param path the request path without the context path (already normalised by Spring Security's firewall)
     */
    static boolean allows(String method, String path) {
        return refusal(method, path).isEmpty();
    }

    /** Why a request is refused, empty when it is allowed. */
    static Optional<String> refusal(String method, String path) {
        String m = method.toUpperCase(java.util.Locale.ROOT);
        if (path.equals("/camunda/app/tasklist") || path.startsWith("/camunda/app/tasklist/")) {
            return Optional.of("the Tasklist is switched off: tasks are done in the application");
        }
        var engineRest = ENGINE_REST.matcher(path);
        if (engineRest.matches()) {
            return check(ENGINE, m, engineRest.group("rest"));
        }
        var webappEngine = WEBAPP_ENGINE.matcher(path);
        if (webappEngine.matches()) {
            return check(ENGINE, m, webappEngine.group("rest"));
        }
        var webappApi = WEBAPP_API.matcher(path);
        if (webappApi.matches()) {
            return check(WEBAPP, m, webappApi.group("rest"));
        }
        return Optional.empty();
    }

    private static Optional<String> check(List<Rule> rules, String method, String path) {
        String p = path.isEmpty() ? "/" : path;
        return rules.stream().anyMatch(r -> r.matches(method, p)) ? Optional.empty()
                : Optional.of(method + " " + p + " is not on the engine API allow-list (docs/decisions/018)");
    }

    private static Rule rule(String method, String pathRegex) {
        return new Rule(method, Pattern.compile(pathRegex));
    }
}
