package cn.healthcard.security;

import cn.healthcard.common.RegionCode;
import com.vaadin.flow.server.VaadinSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Access to the {@link CurrentUser} of the running thread, and the one way to act as the system
 * (process engine steps run in job-executor threads without a person behind them).
 */
public final class SecurityContextUsers {

    /** The national root region: the system acts for the whole country. */
    private static final CurrentUser SYSTEM_USER =
            new CurrentUser("system", "系统", null, RegionCode.NATIONAL, Set.of(Role.SYSTEM));

    private SecurityContextUsers() {
    }

    /** The signed-in user, if any. */
    public static Optional<CurrentUser> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof HasCurrentUser holder)) {
            return Optional.empty();
        }
        return Optional.of(holder.currentUser());
    }

    /** The signed-in user; fails if nobody is signed in (a programming error: services are secured). */
    public static CurrentUser require() {
        return current().orElseThrow(() -> new IllegalStateException("no authenticated user"));
    }

    /**
     * Whether the caller is a machine client of the API (decision 020: bearer token or HTTP Basic with client id and
     * secret) rather than a person, the system or an app. Region and roles alone do not tell them apart: a client of
     * an institution of the national centre has region 000000 like the centre's persons.
     */
    public static boolean machineClient() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof HasCurrentUser holder && holder.machineClient();
    }

    /** Username for audit records: the signed-in user or {@code system}. */
    public static String actor() {
        return current().map(CurrentUser::username).orElse(SYSTEM_USER.username());
    }

    /**
     * Runs the action with the {@link Role#SYSTEM} identity, restoring the previous identity afterwards.
     *
     * <p>Inside a Vaadin request, Vaadin's security context strategy reads the signed-in user from the Vaadin session
     * before the thread's own context; the session is therefore detached from the thread for the duration of the
     * action (the process engine's steps run synchronously inside a clerk's or supervisor's UI action).
     */
    public static <T> T runAsSystem(Supplier<T> action) {
        return runAs(SYSTEM_USER, action);
    }

    /**
     * Runs the action as an app that the e-card gateway has authenticated by its signed request envelope (EHC-06,
     * decision 015): an identity with {@link Role#APP}, never {@link Role#SYSTEM}, restoring the previous identity
     * afterwards. Only the gateway calls this, for the one request it serves.
     *
     * @throws IllegalArgumentException when the identity lacks APP or carries SYSTEM
     */
    public static <T> T runAsApp(CurrentUser app, Supplier<T> action) {
        if (!app.has(Role.APP) || app.has(Role.SYSTEM)) {
            throw new IllegalArgumentException("an app identity has role APP and never SYSTEM: " + app.roles());
        }
        return runAs(app, action);
    }

    private static <T> T runAs(CurrentUser user, Supplier<T> action) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken((HasCurrentUser) () -> user, null,
                user.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
        VaadinSession session = VaadinSession.getCurrent();
        VaadinSession.setCurrent(null);
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
            VaadinSession.setCurrent(session);
        }
    }

    public static void runAsSystem(Runnable action) {
        runAsSystem(() -> {
            action.run();
            return null;
        });
    }

    /** Implemented by principals that carry a {@link CurrentUser}. */
    @FunctionalInterface
    public interface HasCurrentUser {
        CurrentUser currentUser();

        /** Whether this identity is a machine client of the API ({@link #machineClient()}); persons are not. */
        default boolean machineClient() {
            return false;
        }
    }
}
