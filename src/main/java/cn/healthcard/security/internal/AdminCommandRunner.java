package cn.healthcard.security.internal;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAccountChanged;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The commands of {@code bin/admin} (decision 024), run like {@code bin/audit} without a web server: with
 * {@code healthcard.command=admin-create-first-admin} the application creates the first ADMIN of an installation from
 * {@code healthcard.admin.username}, {@code .display-name} and {@code .institution} (an existing institution; or a new
 * registration centre when {@code .institution-name}, {@code .region}, {@code .institution-phone} and
 * {@code .institution-address} are given, registered with every rule of the institution register and logged in its
 * exchange log; contact and head are the admin until changed in 「机构管理」), the password read from the terminal
 * (twice) or the first line of stdin and checked against the policy. Only while no ADMIN account exists at all,
 * disabled ones included (a disabled admin is re-enabled by two admins, not replaced by this bootstrap).
 * Exit 0 created, 1 refused (an admin exists), 2 usage or invalid input, 3 failed. Audited as {@code UserCreated}
 * by the system; the process engine's groups follow.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminCommandRunner implements ApplicationRunner {

    static final String PROPERTY = "healthcard.command";
    static final String CREATE_FIRST_ADMIN = "admin-create-first-admin";

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int FAILED = 3;

    /** Where the password comes from: the terminal, or stdin's first line. */
    interface PasswordSource {
        char[] read(PrintStream out) throws IOException;
    }

    record Request(String username, String displayName, String institutionCode, String institutionName,
                   String region, String institutionPhone, String institutionAddress) {
    }

    private final Environment environment;
    private final ConfigurableApplicationContext context;
    private final UserAccountRepository users;
    private final InstitutionService institutions;
    private final Passwords passwords;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    AdminCommandRunner(Environment environment, ConfigurableApplicationContext context, UserAccountRepository users,
                       InstitutionService institutions, Passwords passwords, ApplicationEventPublisher events,
                       PlatformTransactionManager transactions, Clock clock) {
        this.environment = environment;
        this.context = context;
        this.users = users;
        this.institutions = institutions;
        this.passwords = passwords;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        String command = environment.getProperty(PROPERTY, "");
        if (!command.startsWith("admin-")) {
            return; // not ours
        }
        Request request = new Request(environment.getProperty("healthcard.admin.username"),
                environment.getProperty("healthcard.admin.display-name"),
                environment.getProperty("healthcard.admin.institution"),
                environment.getProperty("healthcard.admin.institution-name"),
                environment.getProperty("healthcard.admin.region"),
                environment.getProperty("healthcard.admin.institution-phone"),
                environment.getProperty("healthcard.admin.institution-address"));
        int code = execute(command, request, AdminCommandRunner::readPassword, System.out);
        System.out.flush();
        System.exit(SpringApplication.exit(context, () -> code));
    }

    int execute(String command, Request request, PasswordSource password, PrintStream out) {
        if (!CREATE_FIRST_ADMIN.equals(command)) {
            out.println("unknown command " + command + "; known: " + CREATE_FIRST_ADMIN);
            return USAGE;
        }
        if (blank(request.username()) || blank(request.displayName()) || blank(request.institutionCode())) {
            out.println("usage: bin/admin create-first-admin --username=NAME --display-name=NAME "
                    + "--institution=CODE [--institution-name=NAME --region=CODE --institution-phone=PHONE "
                    + "--institution-address=ADDRESS]");
            return USAGE;
        }
        try {
            return SecurityContextUsers.runAsSystem(() -> {
                if (users.countAdmins() > 0) {
                    out.println("REFUSED (已拒绝): an administrator account exists already (enabled or not); the first "
                            + "admin is created only on an installation without one. Admins create further users in "
                            + "「用户管理」 (a further admin, or re-enabling one, needs a second admin).");
                    return REFUSED;
                }
                char[] raw;
                try {
                    raw = password.read(out);
                } catch (IOException | IllegalArgumentException e) {
                    out.println("INVALID (无效): " + e.getMessage());
                    return USAGE;
                }
                String secret = new String(raw);
                Arrays.fill(raw, ' ');
                String username = request.username().trim();
                if (!username.matches("[a-zA-Z0-9]{3,64}")) {
                    throw new DomainValidationException("username", "「用户名」为3至64位字母或数字");
                }
                passwords.check("password", "密码", username, secret);
                // outside the creating transaction: an unknown code is an answer here, not a rolled-back transaction
                Institution institution = institution(request, request.displayName().trim());
                return tx.execute(s -> create(username, request.displayName().trim(), institution, secret, out));
            });
        } catch (DomainValidationException e) {
            e.violations().forEach(v -> out.println("INVALID (无效) " + v.field() + ": " + v.message()));
            return USAGE;
        } catch (ConflictException e) { // a cancelled institution takes no new users
            out.println("INVALID (无效) institution: " + e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            out.println(command + " FAILED (失败): " + e);
            return FAILED;
        }
    }

    private int create(String username, String displayName, Institution institution, String secret,
                       PrintStream out) {
        if (users.countAdmins() > 0) { // checked again inside the transaction
            out.println("REFUSED (已拒绝): an administrator account exists already");
            return REFUSED;
        }
        if (users.existsById(username)) {
            throw new DomainValidationException("username", "「用户名」已被使用: " + username);
        }
        UserAccount account = new UserAccount(username, passwords.encode(secret), displayName,
                institution.code(), EnumSet.of(Role.ADMIN), false, false, false, clock.instant());
        users.saveAndFlush(account);
        passwords.remember(account);
        events.publishEvent(new UserAccountChanged(UserAccountChanged.Action.CREATED, username,
                account.displayName(), institution.region().value(), Set.of(Role.ADMIN), true,
                "bin/admin create-first-admin: 首个系统管理员 " + account.displayName() + " 机构 " + institution.code()));
        out.println("CREATED (已创建): administrator " + username + " of " + institution.code() + " ("
                + institution.name() + ", region " + institution.region().value() + ")");
        return OK;
    }

    /**
     * The admin's institution: an existing active one, or a new registration centre registered with the register's
     * rules (a centre only at national, provincial or city level, one per region, under the centre above; logged in
     * the exchange log and audited like any registration).
     */
    private Institution institution(Request request, String displayName) {
        String code = request.institutionCode().trim();
        try {
            return institutions.requireActive(code);
        } catch (NotFoundException e) {
            if (blank(request.institutionName()) || blank(request.region()) || blank(request.institutionPhone())
                    || blank(request.institutionAddress())) {
                throw new DomainValidationException("institution", "「机构」不存在: " + code + "（新注册管理中心请同时给出 "
                        + "--institution-name、--region、--institution-phone 和 --institution-address）");
            }
            InstitutionDetails centre = institutions.registerIfAbsent(new InstitutionForm(code,
                    request.institutionName().trim(), InstitutionKind.REGISTRATION_CENTRE, request.region().trim(),
                    null, displayName, request.institutionPhone().trim(), request.institutionAddress().trim(),
                    displayName, null, null, null, null));
            return centre.toInstitution();
        }
    }

    /** Twice from the terminal without echo; else the first line of stdin. */
    private static char[] readPassword(PrintStream out) throws IOException {
        var console = System.console();
        if (console != null) {
            char[] first = console.readPassword("密码 (password): ");
            char[] second = console.readPassword("再次输入密码 (password again): ");
            if (first == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the two passwords differ (两次输入的密码不一致)");
            }
            Arrays.fill(second, ' ');
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password on stdin (标准输入中没有密码)");
        }
        return line.toCharArray();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
