package cn.healthcard.keys;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.KeyRef;
import cn.healthcard.crypto.PersonalDataBinding;
import cn.healthcard.crypto.PersonalDataProtector;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.keys.KeyEvents.PersonalDataKeyUpdated;
import cn.healthcard.keys.KeyEvents.PersonalDataReencryptionFinished;
import cn.healthcard.keys.KeyEvents.PersonalDataReencryptionStarted;
import cn.healthcard.security.SecurityContextUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The personal-data key on the crypto device and the re-encryption of the data under it (KEY-02, PER-05; decision
 * 017), for key administrators of the national centre:
 * <ul>
 *   <li>{@link #nextVersion} makes the next version of {@code pd.personal-data} inside the device and archives the
 *       older active ones: new writes use it at once, data written before stays readable (archived keys still
 *       decrypt). Only a key ceremony {@link KeyOperation#UPDATE_PD_KEY} co-signed by a second key administrator runs
 *       it ({@link KeyCeremonyService}, two-person rule of decision 014), and then starts the re-encryption;</li>
 *   <li>{@link #startReencryption} rewrites every encrypted personal-data column ({@link #COLUMNS}) under the current
 *       version and bound to its table, column and row (decision 022; an unbound value of before is bound), on one
 *       background thread, table by table in pages of {@code healthcard.keys.reencryption.page-size} rows (keyset on
 *       the primary key), one transaction per page, each row read again under a row lock before it is rewritten.
 *       Idempotent: a value already bound and under the current version is left alone, so a second run rewrites
 *       nothing. Restartable: a run stopped by an error or by the node going down is simply started again — it reads
 *       every row again but rewrites only the rest. Audited at start and
 *       end with the counts; the run's state is kept in memory on the node that runs it.</li>
 * </ul>
 * Once a run has completed after an update, the archived versions protect nothing any more and may be destroyed.
 * The blind-index key is not rotated here: blind indexes are not recomputed yet (decision 017).
 */
@Service
public class PersonalDataKeyService {

    /**
     * Every column that holds personal data encrypted by {@link PersonalDataProtector} (Base64 text), bound to table,
     * column and row (decision 022): the row identity is the primary key, for {@code card_event} (identity key) the
     * unique card number and sequence number.
     */
    public static final List<EncryptedColumn> COLUMNS = List.of(
            new EncryptedColumn("resident", "id", "document_no_enc"),
            new EncryptedColumn("resident", "id", "name_enc"),
            new EncryptedColumn("resident", "id", "phone_enc"),
            new EncryptedColumn("resident", "id", "address_enc"),
            new EncryptedColumn("resident", "id", "medical_alerts_enc"),
            new EncryptedColumn("resident_photo", "resident_id", "data_enc"),
            new EncryptedColumn("card_application", "id", "agent_name_enc"),
            new EncryptedColumn("card_application", "id", "agent_document_enc"),
            new EncryptedColumn("card_request", "id", "form_data"),
            new EncryptedColumn("resident_conflict", "case_no", "filed_name_enc"),
            new EncryptedColumn("card_event", "id", "form_data", List.of("card_no", "seq")));

    private static final Logger log = LoggerFactory.getLogger(PersonalDataKeyService.class);
    static final String LABEL = KeyRef.PERSONAL_DATA.label();

    /**
     * A table's column of encrypted personal data, the table's primary key (one column, the run's keyset) and the
     * columns of the row identity its values are bound to (decision 022).
     */
    public record EncryptedColumn(String table, String idColumn, String column, List<String> rowColumns) {

        public EncryptedColumn {
            rowColumns = List.copyOf(rowColumns);
        }

        /** A column bound to the primary key. */
        public EncryptedColumn(String table, String idColumn, String column) {
            this(table, idColumn, column, List.of(idColumn));
        }

        /** Where a value of this column in the row with {@code rowValues} (of {@link #rowColumns}) is bound. */
        public PersonalDataBinding binding(List<String> rowValues) {
            return new PersonalDataBinding(table, column, rowValues);
        }
    }

    /**
     * A re-encryption run: how many values it rewrote ({@code rewritten}) and left alone ({@code current}: under the
     * current version already, or gone meanwhile) so far; {@code error} when it failed; {@code ceremonyId} the key
     * ceremony whose update started it, null for a run started by hand.
     */
    public record ReencryptionRun(String id, State state, int targetVersion, long rewritten, long current,
                                  String startedBy, Instant startedAt, Instant finishedAt, String error,
                                  String ceremonyId) {

        public enum State { RUNNING, COMPLETED, FAILED }

        ReencryptionRun progress(long moreRewritten, long moreCurrent) {
            return new ReencryptionRun(id, state, targetVersion, rewritten + moreRewritten, current + moreCurrent,
                    startedBy, startedAt, finishedAt, error, ceremonyId);
        }

        ReencryptionRun end(State end, Instant at, String failure) {
            return new ReencryptionRun(id, end, targetVersion, rewritten, current, startedBy, startedAt, at, failure,
                    ceremonyId);
        }
    }

    private final CryptoDevice device;
    private final PersonalDataProtector protector;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final int pageSize;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "personal-data-reencryption");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<ReencryptionRun> latest = new AtomicReference<>();

    PersonalDataKeyService(CryptoDevice device, PersonalDataProtector protector, JdbcTemplate jdbc,
                           ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions,
                           @Value("${healthcard.keys.reencryption.page-size:200}") int pageSize) {
        this.device = device;
        this.protector = protector;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.pageSize = pageSize;
    }

    /** The versions of the personal-data key: metadata and check values only. */
    @PreAuthorize("hasAnyRole('KEY_ADMIN','AUDITOR')")
    public List<KeyInfo> versions() {
        requireNational();
        return deviceVersions();
    }

    /** The versions of the personal-data key on the device, for {@link KeyCeremonyService} (no role check). */
    List<KeyInfo> deviceVersions() {
        return device.versions(LABEL);
    }

    /** What {@link #nextVersion} made and which versions it archived. */
    record NewVersion(KeyInfo made, List<Integer> archived) {
    }

    /**
     * Makes the next version of the personal-data key inside the device and archives the older active versions;
     * audited ({@code PersonalDataKeyUpdated}). Only {@link KeyCeremonyService#execute} calls this, for a key
     * ceremony co-signed by a second key administrator (two-person rule, decision 014): package-private on purpose,
     * so no view, REST call or other module can make a version alone.
     */
    NewVersion nextVersion(String ceremonyId, String initiator, String cosigner, String reason) {
        List<KeyId> older = deviceVersions().stream().filter(k -> k.state() == KeyState.ACTIVE).map(KeyInfo::id)
                .toList();
        KeyInfo made = device.generateSymmetricKey(LABEL, KeyUsage.DATA);
        older.forEach(device::archive);
        List<Integer> archived = older.stream().map(KeyId::version).toList();
        events.publishEvent(new PersonalDataKeyUpdated(LABEL, made.id().version(), RegionCode.NATIONAL.value(),
                made.checkValue(), archived, reason, ceremonyId, initiator, cosigner));
        return new NewVersion(made, archived);
    }

    /**
     * Starts the re-encryption run of a ceremony's update once the current transaction has committed, on the
     * background thread after any run already queued there (a run begun meanwhile targets the new version as well).
     */
    void reencryptAfterCommit(String ceremonyId, String startedBy) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                executor.submit(() -> runForCeremony(ceremonyId, startedBy));
            }
        });
    }

    private void runForCeremony(String ceremonyId, String startedBy) {
        SecurityContextUsers.runAsSystem(() -> {
            ReencryptionRun run;
            try {
                run = begin(ceremonyId, startedBy);
            } catch (ConflictException e) { // a run begun by hand waits behind this task: go after it
                executor.submit(() -> runForCeremony(ceremonyId, startedBy));
                return null;
            } catch (RuntimeException e) {
                log.error("The re-encryption run of key ceremony {} did not start; start it with POST "
                        + "/api/v1/keys/personal-data/re-encryptions", ceremonyId, e);
                return null;
            }
            execute(run);
            return null;
        });
    }

    /**
     * Starts a re-encryption run under the <em>current</em> version on a background thread, or answers the run in
     * progress on this node. It changes no key: one key administrator may resume or restart a run (after a failure,
     * after the node went down) — a new version is made only by a co-signed ceremony
     * ({@link KeyOperation#UPDATE_PD_KEY}), which starts its run itself.
     */
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public ReencryptionRun startReencryption() {
        requireNational();
        ReencryptionRun running = latest.get();
        if (running != null && running.state() == ReencryptionRun.State.RUNNING) {
            return running;
        }
        ReencryptionRun run = begin(null, SecurityContextUsers.actor());
        executor.submit(() -> SecurityContextUsers.runAsSystem(() -> {
            execute(run);
            return null;
        }));
        return run;
    }

    /** The latest run on this node, if any. */
    @PreAuthorize("hasAnyRole('KEY_ADMIN','AUDITOR')")
    public Optional<ReencryptionRun> latestRun() {
        requireNational();
        return Optional.ofNullable(latest.get());
    }

    /** Runs a re-encryption in the caller's thread (tests, operations scripts); the same rules as a started run. */
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public ReencryptionRun reencryptNow() {
        requireNational();
        return execute(begin(null, SecurityContextUsers.actor()));
    }

    private ReencryptionRun begin(String ceremonyId, String startedBy) {
        int target = device.currentKey(LABEL).version();
        ReencryptionRun run = new ReencryptionRun(UUID.randomUUID().toString(), ReencryptionRun.State.RUNNING, target,
                0, 0, startedBy, clock.instant(), null, null, ceremonyId);
        ReencryptionRun previous = latest.get();
        if (previous != null && previous.state() == ReencryptionRun.State.RUNNING || !latest.compareAndSet(previous, run)) {
            throw new ConflictException("REENCRYPTION_RUNNING", "个人数据重新加密正在进行中，请稍后再试");
        }
        transaction.executeWithoutResult(status -> events.publishEvent(
                new PersonalDataReencryptionStarted(run.id(), RegionCode.NATIONAL.value(), LABEL, target, ceremonyId)));
        return run;
    }

    private ReencryptionRun execute(ReencryptionRun run) {
        try {
            for (EncryptedColumn column : COLUMNS) {
                Object cursor = null;
                boolean more = true;
                while (more) {
                    Object after = cursor;
                    Page page = transaction.execute(status -> page(column, after));
                    latest.updateAndGet(r -> r.progress(page.rewritten(), page.current()));
                    cursor = page.last();
                    more = page.full();
                }
            }
            return finish(ReencryptionRun.State.COMPLETED, null);
        } catch (RuntimeException e) {
            log.error("Re-encryption run {} failed; start it again to rewrite the rest", run.id(), e);
            return finish(ReencryptionRun.State.FAILED, e instanceof CryptoException ? e.getMessage() : e.toString());
        }
    }

    private ReencryptionRun finish(ReencryptionRun.State state, String error) {
        ReencryptionRun done = latest.updateAndGet(r -> r.end(state, clock.instant(), error));
        transaction.executeWithoutResult(status -> events.publishEvent(new PersonalDataReencryptionFinished(done.id(),
                RegionCode.NATIONAL.value(), LABEL, done.targetVersion(), state.name(), done.rewritten(),
                done.current(), error)));
        log.info("Re-encryption run {} {}: {} values rewritten under {} v{}, {} already under it", done.id(), state,
                done.rewritten(), LABEL, done.targetVersion(), done.current());
        return done;
    }

    private record Page(Object last, boolean full, long rewritten, long current) {
    }

    /**
     * One page of a column after {@code after} (keyset on the primary key): each row is read again under a row lock
     * ({@code FOR UPDATE}, held until the page commits) and rewritten when it is not under the current version or not
     * bound to its place (decision 022), so a concurrent change by the application is neither lost nor overwritten. No
     * comparison of the stored value in SQL: some columns are LOBs, which Oracle cannot compare. A value that does not
     * authenticate at its place (copied from another row) stops the run with a {@code PersonalDataIntegrityException}
     * naming the place: it is never rewritten as if it belonged there.
     */
    private Page page(EncryptedColumn c, Object after) {
        String ids = "SELECT " + c.idColumn() + " FROM " + c.table() + " WHERE " + c.column() + " IS NOT NULL"
                + (after == null ? "" : " AND " + c.idColumn() + " > ?") + " ORDER BY " + c.idColumn()
                + " FETCH FIRST " + pageSize + " ROWS ONLY";
        List<Object> page = after == null ? jdbc.queryForList(ids, Object.class)
                : jdbc.queryForList(ids, Object.class, after);
        String lock = "SELECT " + c.column() + ", " + String.join(", ", c.rowColumns()) + " FROM " + c.table()
                + " WHERE " + c.idColumn() + " = ? FOR UPDATE";
        String update = "UPDATE " + c.table() + " SET " + c.column() + " = ? WHERE " + c.idColumn() + " = ?";
        long rewritten = 0;
        for (Object id : page) {
            Optional<String> again = jdbc.query(lock, (rs, n) -> {
                List<String> row = new ArrayList<>(c.rowColumns().size());
                for (int i = 0; i < c.rowColumns().size(); i++) {
                    row.add(rs.getString(i + 2));
                }
                return protector.reencrypted(rs.getString(1), c.binding(row));
            }, id).stream().findFirst().flatMap(r -> r);
            if (again.isPresent()) {
                jdbc.update(update, again.get(), id);
                rewritten++;
            }
        }
        return new Page(page.isEmpty() ? after : page.get(page.size() - 1), page.size() == pageSize, rewritten,
                page.size() - rewritten);
    }

    /** The personal-data keys serve the whole country: only key administrators of the national centre. */
    static void requireNational() {
        if (!SecurityContextUsers.require().canSee(RegionCode.NATIONAL.value())) {
            throw new AccessDeniedException("个人数据密钥由国家级密钥管理员管理");
        }
    }
}
