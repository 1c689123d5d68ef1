package cn.healthcard.audit.internal;

import cn.healthcard.audit.AuditChannel;
import cn.healthcard.audit.AuditLog;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The audit commands of {@code bin/audit}: with {@code healthcard.command=audit-verify} or
 * {@code audit-rebuild-index} the application (started without a web server) verifies the hash chain or rebuilds the
 * search index as the system ({@code SYSTEM} role, channel {@code COMMAND}), prints the result and exits: 0 intact
 * (or rebuilt), 1 chain broken, 2 unknown command, 3 the command failed. It runs before every other start-up runner
 * (demo data, Camunda identity sync), so those never run in a command. Without the property it does nothing. See
 * {@code docs/decisions/008}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditCommandRunner implements ApplicationRunner {

    static final String PROPERTY = "healthcard.command";
    static final String VERIFY = "audit-verify";
    static final String REBUILD_INDEX = "audit-rebuild-index";

    static final int OK = 0;
    static final int BROKEN = 1;
    static final int USAGE = 2;
    static final int FAILED = 3;

    private final AuditLog auditLog;
    private final Environment environment;
    private final ConfigurableApplicationContext context;
    /** The local server when no cluster is configured; it starts once the application is ready, after commands. */
    private final org.springframework.beans.factory.ObjectProvider<LocalElasticsearch> local;

    AuditCommandRunner(AuditLog auditLog, Environment environment, ConfigurableApplicationContext context,
                       org.springframework.beans.factory.ObjectProvider<LocalElasticsearch> local) {
        this.auditLog = auditLog;
        this.environment = environment;
        this.context = context;
        this.local = local;
    }

    @Override
    public void run(ApplicationArguments args) {
        String command = environment.getProperty(PROPERTY, "");
        if (!command.startsWith("audit-")) {
            return; // not ours: an ordinary start, or another module's command
        }
        int code = execute(command, System.out);
        System.out.flush();
        System.exit(SpringApplication.exit(context, () -> code));
    }

    /** Runs one command as the system, writes the result to {@code out} and returns the exit code. */
    int execute(String command, PrintStream out) {
        AuditChannel.COMMAND.enter();
        try {
            return SecurityContextUsers.runAsSystem(() -> switch (command) {
                case VERIFY -> verify(out);
                case REBUILD_INDEX -> rebuildIndex(out);
                default -> {
                    out.println("unknown command " + command + "; known: " + VERIFY + ", " + REBUILD_INDEX);
                    yield USAGE;
                }
            });
        } catch (RuntimeException e) {
            out.println(command + " FAILED (失败): " + e);
            return FAILED;
        } finally {
            AuditChannel.clear();
        }
    }

    private int verify(PrintStream out) {
        AuditLog.ChainVerification result = auditLog.verifyChain();
        if (result.intact()) {
            out.printf("audit chain INTACT (完整): %d entries checked in %s%s%n", result.entries(),
                    human(result.duration()), pending(result));
            return OK;
        }
        out.printf("audit chain BROKEN (断裂) at entry %d: %d entries checked in %s%s%n", result.firstBrokenId(),
                result.entries(), human(result.duration()), pending(result));
        out.println("first broken entry: " + auditLog.chainEntry(result.firstBrokenId())
                .map(AuditCommandRunner::describe).orElse("id " + result.firstBrokenId() + " (no such entry)"));
        return BROKEN;
    }

    /** Entries committed but not linked yet when the walk ended (decision 008): not part of what was checked. */
    private static String pending(AuditLog.ChainVerification result) {
        return result.pending() == 0 ? "" : "; " + result.pending() + " entries pending (待链接), not yet linked";
    }

    private int rebuildIndex(PrintStream out) {
        long start = System.nanoTime();
        local.ifAvailable(LocalElasticsearch::start); // the command runs before the application is ready
        long indexed = auditLog.rebuildSearchIndex();
        var status = auditLog.projectionStatus();
        out.printf("audit search index %s REBUILT (已重建): %d entries indexed in %s%n", status.index(), indexed,
                human(Duration.ofNanos(System.nanoTime() - start)));
        return OK;
    }

    private static String describe(AuditLog.ChainEntry link) {
        AuditLog.Entry e = link.entry();
        return "id=" + e.id() + " time=" + e.occurredAt() + " type=" + e.eventType() + " actor=" + e.actor()
                + " institution=" + e.institutionCode() + " region=" + e.regionCode() + " subject=" + e.subjectType()
                + "/" + e.subjectId() + " channel=" + e.channel() + " card=" + e.cardNo() + " case=" + e.caseRef()
                + " detail=" + e.detail() + " prev_hash=" + link.prevHash() + " hash=" + link.hash();
    }

    private static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s",
                d.toMillis() / 1000.0);
    }
}
