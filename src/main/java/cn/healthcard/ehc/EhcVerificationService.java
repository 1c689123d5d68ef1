package cn.healthcard.ehc;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.crypto.EhcKeysMissingException;
import cn.healthcard.ehc.EhcEvents.EhcVerified;
import cn.healthcard.ehc.internal.TerminalRegistry;
import cn.healthcard.ehc.internal.UsedCodes;
import cn.healthcard.ehc.internal.VerifiableAccounts;
import cn.healthcard.ehc.internal.VerifiableAccounts.Account;
import cn.healthcard.ehc.internal.VerificationCounter;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verification of scanned e-card codes by reader terminals (识读终端, EHC-05), in this order: the terminal must be
 * registered, active and within the caller's region (UNREGISTERED_TERMINAL); its bound SAM card must be neither frozen
 * nor cancelled ({@link TerminalBlocks}: SAM_FROZEN, SAM_CANCELLED; a terminal without a SAM is not refused); the text must be an e-card code
 * (MALFORMED); the e-card must exist (UNKNOWN); a dynamic code's validity must decrypt under the protection key
 * (MALFORMED) and lie in the future (EXPIRED); the e-card must be active (FROZEN, REVOKED); a static code is refused
 * where the scene needs a dynamic one (DYNAMIC_REQUIRED); a dynamic code is accepted once in a scene that allows no
 * repeat (CODE_ALREADY_USED; settlement unless configured otherwise). The account is read before the validity is
 * decrypted: the protection key is the e-card's own, derived from its master index, so a validity spliced behind
 * another e-card ID does not decrypt. The answer identifies the resident with masked data and the
 * master index ID. Every verification is audited (a batched audit entry, decision 016) and counted per institution and
 * terminal (batched counters, decision 013). The path reads one row, the e-card account by its primary key, and runs
 * in no transaction of its own (terminals come from a short-lived cache); only an accepted dynamic code in a single-use
 * scene writes a row ({@link UsedCodes}).
 */
@Service
public class EhcVerificationService {

    /** {@code <ehcId>:1} or {@code <ehcId>:0:<validity>}; the e-card ID is 1 to 5 blocks of 32 hex digits. */
    private static final Pattern CODE = Pattern.compile("((?:[0-9A-F]{32}){1,5}):(?:(1)|0:([0-9A-F]{32}))");
    private static final int MAX_TEXT = 512;
    private static final int MAX_PERIOD_DAYS = 366;

    private final VerifiableAccounts accounts;
    private final TerminalRegistry terminals;
    private final EhcIdAlgorithm ehcIds;
    private final VerificationCounter counter;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final UsedCodes usedCodes;
    private final Set<Scene> repeatableScenes;
    private final ObjectProvider<TerminalBlocks> blocks;

    EhcVerificationService(VerifiableAccounts accounts, TerminalRegistry terminals, EhcIdAlgorithm ehcIds,
                           VerificationCounter counter, JdbcTemplate jdbc, ApplicationEventPublisher events,
                           Clock clock, UsedCodes usedCodes,
                           @Value("${healthcard.ehc.verification.repeatable-scenes:REGISTRATION,CONSULTATION,"
                                   + "EXAMINATION,PHARMACY,PUBLIC_HEALTH,RECORD_QUERY,OTHER}") String repeatableScenes,
                           ObjectProvider<TerminalBlocks> blocks) {
        this.blocks = blocks;
        this.accounts = accounts;
        this.terminals = terminals;
        this.ehcIds = ehcIds;
        this.counter = counter;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.usedCodes = usedCodes;
        this.repeatableScenes = scenes(repeatableScenes);
    }

    /**
     * The scenes of {@code healthcard.ehc.verification.repeatable-scenes} (comma-separated {@link Scene} names, may be
     * empty): a dynamic code may be verified again within its validity there; in every other scene it is accepted
     * once. A verification without a scene is repeatable.
     */
    static Set<Scene> scenes(String names) {
        Set<Scene> scenes = EnumSet.noneOf(Scene.class);
        for (String name : names == null ? new String[0] : names.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                scenes.add(Scene.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("healthcard.ehc.verification.repeatable-scenes: unknown scene '"
                        + name.strip() + "', expected some of " + Arrays.toString(Scene.values()), e);
            }
        }
        return scenes;
    }

    /** The scenes where a dynamic code may be verified more than once within its validity. */
    public Set<Scene> repeatableScenes() {
        return Set.copyOf(repeatableScenes);
    }

    /**
     * Verifies a scanned code for a terminal.
     *
     * @throws DomainValidationException only when the request is no verification request at all (no terminal id, no
     *                                   text); every answer about the code itself is a {@link VerificationResult}
     */
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','APP')")
    public VerificationResult verify(VerificationRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        if (request.terminalId() == null || request.terminalId().isBlank()) {
            violations.add(new FieldViolation("terminalId", "请填写「终端编号」"));
        } else if (request.terminalId().trim().length() > 64) {
            violations.add(new FieldViolation("terminalId", "「终端编号」最多64个字符"));
        }
        if (request.qrText() == null || request.qrText().isEmpty()) {
            violations.add(new FieldViolation("qrText", "请提供扫描到的「二维码内容」"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        CurrentUser caller = SecurityContextUsers.require();
        Instant now = clock.instant();
        String terminalId = request.terminalId().trim();
        Optional<TerminalRegistry.Entry> terminal = terminals.find(terminalId)
                .filter(t -> t.state() == TerminalState.ACTIVE && caller.canSee(t.regionCode()));
        String institution = terminal.map(TerminalRegistry.Entry::institutionCode).orElse(caller.institutionCode());
        String region = terminal.map(TerminalRegistry.Entry::regionCode).orElse(caller.region().value());
        Optional<RefusalReason> blocked = terminal.isEmpty() ? Optional.empty() : blocked(terminalId);
        Outcome outcome = terminal.isEmpty() ? Outcome.refused(RefusalReason.UNREGISTERED_TERMINAL, null, null)
                : blocked.isPresent() ? Outcome.refused(blocked.get(), null, null)
                : check(request, terminalId, now);
        VerificationResult result = outcome.result(now);
        String outcomeName = result.verified() ? "VERIFIED" : result.reason().name();
        events.publishEvent(new EhcVerified(terminalId, region, outcomeName,
                outcome.account == null ? null : outcome.account.masterIndexId(),
                outcome.account == null ? null : outcome.account.residentId(),
                request.scene() == null ? null : request.scene().name()));
        counter.count(new VerificationCounter.Key(LocalDate.ofInstant(now, ChinaTime.ZONE),
                institution == null ? "—" : institution, terminalId, outcomeName,
                request.scene() == null ? VerificationCounter.NO_SCENE : request.scene().name(),
                terminal.isEmpty() ? VerificationCounter.NO_SAM : boundSam(terminalId), region));
        return result;
    }

    /** The SAM bound to the terminal now, counted with the verification (from memory, decision 030). */
    private String boundSam(String terminalId) {
        TerminalBlocks port = blocks.getIfAvailable();
        return port == null ? VerificationCounter.NO_SAM : port.boundSam(terminalId).orElse(VerificationCounter.NO_SAM);
    }

    /** A terminal whose bound SAM card is frozen or cancelled (from memory, decision 030). */
    private Optional<RefusalReason> blocked(String terminalId) {
        TerminalBlocks port = blocks.getIfAvailable();
        return port == null ? Optional.empty() : port.refusal(terminalId);
    }

    private Outcome check(VerificationRequest request, String terminalId, Instant now) {
        String text = request.qrText().trim();
        Matcher code = text.length() > MAX_TEXT ? null : CODE.matcher(text.toUpperCase(Locale.ROOT));
        if (code == null || !code.matches()) {
            return Outcome.refused(RefusalReason.MALFORMED, null, null);
        }
        QrCode.Type type = code.group(2) != null ? QrCode.Type.STATIC : QrCode.Type.DYNAMIC;
        Optional<Account> found = accounts.find(code.group(1));
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN, type, null);
        }
        Account account = found.get();
        Instant validUntil = null;
        if (type == QrCode.Type.DYNAMIC) {
            validUntil = validUntil(account, code.group(3));
            if (validUntil == null) {
                return Outcome.refused(RefusalReason.MALFORMED, type, account);
            }
            if (!validUntil.isAfter(now)) {
                return Outcome.refused(RefusalReason.EXPIRED, type, account);
            }
        }
        if (account.status() == EhcStatus.FROZEN) {
            return Outcome.refused(RefusalReason.FROZEN, type, account);
        }
        if (account.status() == EhcStatus.REVOKED) {
            return Outcome.refused(RefusalReason.REVOKED, type, account);
        }
        if (type == QrCode.Type.STATIC && request.scene() != null && request.scene().dynamicRequired()) {
            return Outcome.refused(RefusalReason.DYNAMIC_REQUIRED, type, account);
        }
        // single use where the scene allows no repeat: the only write of the path, for those scenes only
        if (type == QrCode.Type.DYNAMIC && request.scene() != null && !repeatableScenes.contains(request.scene())
                && !usedCodes.use(account.masterIndexId(), code.group(3), validUntil, terminalId,
                request.scene().name())) {
            return Outcome.refused(RefusalReason.CODE_ALREADY_USED, type, account);
        }
        return new Outcome(null, type, account, validUntil);
    }

    /**
     * The expiry in a dynamic code's validity, null when it does not decrypt under the e-card's protection key (derived
     * from its province's internal-authentication key and its master index).
     */
    private Instant validUntil(Account account, String validityHex) {
        try {
            return ehcIds.decryptValidity(account.regionCode(), account.masterIndexId(), validityHex)
                    .atZone(ChinaTime.ZONE).toInstant();
        } catch (IllegalArgumentException | EhcKeysMissingException e) {
            // not under this e-card's key — or the province has none, so no genuine code can exist
            return null;
        }
    }

    /** What the checks found; the account also on refusals after it was read (for the audit entry only). */
    private record Outcome(RefusalReason reason, QrCode.Type type, Account account, Instant validUntil) {

        static Outcome refused(RefusalReason reason, QrCode.Type type, Account account) {
            return new Outcome(reason, type, account, null);
        }

        VerificationResult result(Instant at) {
            if (reason != null) {
                return VerificationResult.refused(reason, type, at);
            }
            return new VerificationResult(true, null, "核验通过", type, account.masterIndexId(), account.nameMasked(),
                    account.sex(), account.birthYear(), account.documentType(), account.documentNumberMasked(),
                    account.status(), validUntil, at);
        }
    }

    /**
     * Verifications per institution and terminal over a period of China days (both ends inclusive; default today),
     * within the caller's region, optionally for one institution or terminal (EHC-05, SUP-03). Pending counts are
     * written first, so the answer includes every verification this node has answered.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public VerificationStats stats(LocalDate from, LocalDate to, String institutionCode, String terminalId) {
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        LocalDate start = from == null ? (to == null ? today : to) : from;
        LocalDate end = to == null ? (from == null ? today : from) : to;
        if (end.isBefore(start)) {
            throw new DomainValidationException("to", "「截止日期」不能早于「起始日期」");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_PERIOD_DAYS) {
            throw new DomainValidationException("to", "统计期间最长366天");
        }
        counter.flush();
        CurrentUser user = SecurityContextUsers.require();
        StringBuilder sql = new StringBuilder("SELECT institution_code, terminal_id, outcome, SUM(verifications) "
                + "FROM ehc_verification_count WHERE count_date BETWEEN ? AND ? AND region_code LIKE ?");
        List<Object> args = new ArrayList<>(List.of(start, end, user.region().scopePrefix() + "%"));
        if (institutionCode != null && !institutionCode.isBlank()) {
            sql.append(" AND institution_code = ?");
            args.add(institutionCode.trim());
        }
        if (terminalId != null && !terminalId.isBlank()) {
            sql.append(" AND terminal_id = ?");
            args.add(terminalId.trim());
        }
        sql.append(" GROUP BY institution_code, terminal_id, outcome ORDER BY institution_code, terminal_id, outcome");
        Map<List<String>, Map<String, Long>> rows = new LinkedHashMap<>();
        jdbc.query(sql.toString(), rs -> {
            rows.computeIfAbsent(List.of(rs.getString(1), rs.getString(2)), k -> new TreeMap<>())
                    .put(rs.getString(3), rs.getLong(4));
        }, args.toArray());
        List<VerificationStats.Row> result = new ArrayList<>();
        long total = 0;
        for (var row : rows.entrySet()) {
            long verified = row.getValue().getOrDefault("VERIFIED", 0L);
            long all = row.getValue().values().stream().mapToLong(Long::longValue).sum();
            result.add(new VerificationStats.Row(row.getKey().get(0), row.getKey().get(1), verified, all - verified,
                    row.getValue()));
            total += all;
        }
        return new VerificationStats(start, end, result, total);
    }
}
