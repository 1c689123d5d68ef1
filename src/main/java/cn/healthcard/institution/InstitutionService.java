package cn.healthcard.institution;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.PageQuery;
import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.internal.InstitutionStore;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The institution register (ORG-01…05): the one service screens, REST and other modules use. Reads and writes of
 * the register are scoped to the caller's region and those below it: anything outside is "not found" (ORG-05).
 * Every register, modify and cancel appends to the exchange log in the same transaction and is audited. Decision
 * 023.
 */
@Service
public class InstitutionService {

    /** The largest page of {@link #search}. */
    public static final int MAX_PAGE_SIZE = 500;
    /** The default page size of {@link #search}. */
    public static final int DEFAULT_PAGE_SIZE = 50;
    /** The largest {@code limit} of {@link #changesSince}. */
    public static final int MAX_EXPORT_LIMIT = 5000;

    static final String READERS = "hasAnyRole('ADMIN','SUPERVISOR','AUDITOR')";
    static final String WRITERS = "hasRole('ADMIN')";

    private final InstitutionStore store;
    private final InstitutionCaller caller;
    private final Validator validator;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InstitutionService(InstitutionStore store, InstitutionCaller caller, Validator validator,
                       ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.caller = caller;
        this.validator = validator;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The compact reference of any institution, for other modules (no scoping: they scope their own records). A code
     * the register does not know is a {@link NotFoundException} that leaves the caller's transaction usable: callers
     * that show an unknown code as itself catch it inside their own transaction.
     */
    @Transactional(readOnly = true, noRollbackFor = NotFoundException.class)
    public Institution get(String code) {
        return store.find(code).orElseThrow(() -> new NotFoundException("机构不存在: " + code));
    }

    /** Institutions in the given region and the regions below it (ORG-05), for pickers of other modules. */
    @Transactional(readOnly = true)
    public List<Institution> within(RegionCode region) {
        return store.within(region.scopePrefix());
    }

    /**
     * The active card makers with their unified social credit codes (for production plans, decision 027; no scoping:
     * production checks each maker's region and filing itself).
     */
    @Transactional(readOnly = true)
    public List<InstitutionDetails> activeCardMakers() {
        return store.ofKind(InstitutionKind.CARD_MAKER).stream().filter(InstitutionDetails::active).toList();
    }

    /**
     * The institution, if it may take new business: a cancelled institution keeps its row but takes no new
     * applications, terminals or other business.
     *
     * @throws NotFoundException  when it does not exist
     * @throws ConflictException  {@code INSTITUTION_CANCELLED} when it is cancelled
     */
    @Transactional(readOnly = true)
    public Institution requireActive(String code) {
        InstitutionDetails d = store.details(code).orElseThrow(() -> new NotFoundException("机构不存在: " + code));
        if (!d.active()) {
            throw new ConflictException("INSTITUTION_CANCELLED", "机构「" + d.name() + "」（" + code
                    + "）已注销，不能办理新业务");
        }
        return d.toInstitution();
    }

    /** Creates the institution unless one with the code exists (used by set-up and demo data; not logged). */
    @Transactional
    public Institution registerIfAbsent(Institution institution) {
        store.lock();
        return store.find(institution.code()).orElseGet(() -> {
            String superior = InstitutionRules.expectedSuperior(institution.kind(), institution.region(),
                    store.centres()).map(InstitutionDetails::code).orElse(null);
            return store.save(institution, superior, now());
        });
    }

    /**
     * Registers the institution unless one with the code exists, with every rule of {@link #register} but no role or
     * region check: for set-up and demo data, which run before anyone signs in. Logged and audited like a
     * registration.
     */
    @Transactional
    public InstitutionDetails registerIfAbsent(InstitutionForm form) {
        store.lock();
        if (form.code() != null && store.exists(form.code().strip())) {
            return store.details(form.code().strip()).orElseThrow();
        }
        List<FieldViolation> v = new ArrayList<>(violations(form));
        InstitutionRules.Checked checked = InstitutionRules.check(form, RegionCode.NATIONAL, store.centres(), null);
        v.addAll(checked.violations());
        reject(v);
        return registered(form, checked.superiorCode());
    }

    /** The region the caller sees and manages (their own and those below), for screens' region pickers. */
    public RegionCode scope() {
        return callerRegion();
    }

    /** All fields of an institution in the caller's scope (ORG-01…04 details). */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public InstitutionDetails details(String code) {
        return visible(code);
    }

    /** The exchange log of one institution in the caller's scope, oldest first: its history. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<InstitutionChange> history(String code) {
        visible(code);
        return store.history(code);
    }

    /** The combined query (ORG-01, ORG-02), within the caller's scope, ordered by region then code. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public InstitutionPage search(InstitutionQuery query, PageQuery paging) {
        List<FieldViolation> v = new ArrayList<>(violations(query));
        if (paging != null) {
            v.addAll(violations(paging));
        }
        int page = paging == null ? 0 : paging.pageOrFirst();
        int size = paging == null ? DEFAULT_PAGE_SIZE : paging.sizeOr(DEFAULT_PAGE_SIZE);
        if (size > MAX_PAGE_SIZE) {
            v.add(new FieldViolation("size", "「每页条数」不能超过" + MAX_PAGE_SIZE));
        }
        if (query.registeredFrom() != null && query.registeredTo() != null
                && query.registeredFrom().isAfter(query.registeredTo())) {
            v.add(new FieldViolation("registeredFrom", "「登记日期起」不能晚于「登记日期止」"));
        }
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
        RegionCode scope = callerRegion();
        if (query.regionCode() != null && !query.regionCode().isBlank()
                && !scope.covers(RegionCode.of(query.regionCode()))) {
            return new InstitutionPage(List.of(), 0, page, size); // nothing above or beside (ORG-05)
        }
        return store.search(query, scope.scopePrefix(), page, size);
    }

    /** Registers an institution (ADMIN, within the caller's scope). */
    @PreAuthorize(WRITERS)
    @Transactional
    public InstitutionDetails register(InstitutionForm form) {
        RegionCode scope = callerRegion();
        store.lock(); // before the checks: two admins at once must not both find the region without a centre
        List<FieldViolation> v = new ArrayList<>(violations(form));
        InstitutionRules.Checked checked = InstitutionRules.check(form, scope, store.centres(), null);
        v.addAll(checked.violations());
        if (form.code() != null && v.stream().noneMatch(f -> f.field().equals("code"))
                && store.exists(form.code().strip())) {
            v.add(new FieldViolation("code", "「机构代码」" + form.code().strip() + "已被使用"));
        }
        reject(v);
        return registered(form, checked.superiorCode());
    }

    /**
     * Writes a checked registration; a new provincial or city centre takes over the active institutions of its
     * region that were under the centre above (each logged as a change), so their superior is what a modify expects.
     */
    private InstitutionDetails registered(InstitutionForm form, String superiorCode) {
        Instant now = now();
        String actor = actor();
        InstitutionDetails d = store.register(form, superiorCode, now, actor);
        List<InstitutionDetails> moved = store.reparentUnder(d, now, actor);
        events.publishEvent(new InstitutionRegistered(d.code(), d.kind(), d.region().value(), d.version(),
                d.kind().nameZh() + "「" + d.name() + "」登记"
                        + (moved.isEmpty() ? "" : "，本行政区划" + moved.size() + "个机构改隶本中心")));
        return d;
    }

    /**
     * Modifies an institution in the caller's scope if it still has {@code version}.
     *
     * @throws ConflictException {@code INSTITUTION_VERSION} when it was changed meanwhile, {@code INSTITUTION_CANCELLED}
     *                           when it is cancelled
     */
    @PreAuthorize(WRITERS)
    @Transactional
    public InstitutionDetails modify(String code, long version, InstitutionForm form) {
        store.lock();
        InstitutionDetails existing = visible(code);
        if (!existing.active()) {
            throw new ConflictException("INSTITUTION_CANCELLED", "机构已注销，不能修改");
        }
        List<FieldViolation> v = new ArrayList<>(violations(form));
        InstitutionRules.Checked checked = InstitutionRules.check(form, callerRegion(), store.centres(), existing);
        v.addAll(checked.violations());
        reject(v);
        try {
            InstitutionDetails d = store.modify(code, version, form, checked.superiorCode(), now(), actor())
                    .orElseThrow(() -> notFound(code));
            events.publishEvent(new InstitutionModified(d.code(), d.kind(), d.region().value(), d.version(),
                    d.kind().nameZh() + "「" + d.name() + "」修改"));
            return d;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw versionConflict();
        }
    }

    /**
     * Cancels an institution in the caller's scope: the row and its history stay, new business stops. A
     * registration centre with active institutions below it cannot be cancelled.
     */
    @PreAuthorize(WRITERS)
    @Transactional
    public InstitutionDetails cancel(String code, long version, String reason) {
        store.lock(); // before counting what is below: nothing may be registered under it meanwhile
        InstitutionDetails existing = visible(code);
        if (reason == null || reason.isBlank()) {
            throw new DomainValidationException("reason", "「注销原因」不能为空");
        }
        if (reason.strip().length() > 200) {
            throw new DomainValidationException("reason", "「注销原因」不能超过200个字符");
        }
        if (!existing.active()) {
            throw new ConflictException("INSTITUTION_CANCELLED", "机构已注销");
        }
        if (existing.version() != version) {
            throw versionConflict();
        }
        if (existing.kind() == InstitutionKind.REGISTRATION_CENTRE) {
            long below = store.countActiveBelow(code);
            if (below > 0) {
                throw new ConflictException("INSTITUTION_HAS_ACTIVE_BELOW", "该注册管理中心下仍有" + below
                        + "个正常状态的机构，请先注销或转移这些机构再注销本中心");
            }
        }
        try {
            InstitutionDetails d = store.cancel(code, version, reason.strip(), now(), actor())
                    .orElseThrow(() -> notFound(code));
            events.publishEvent(new InstitutionCancelled(d.code(), d.kind(), d.region().value(), d.version(),
                    d.kind().nameZh() + "「" + d.name() + "」注销：" + d.cancelReason()));
            return d;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw versionConflict();
        }
    }

    /**
     * The exchange log after {@code since} within the caller's scope, in ascending seq order (ORG-01, ORG-03,
     * ORG-04), like the blacklist export.
     */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public InstitutionChanges changesSince(long since, int limit) {
        List<FieldViolation> v = new ArrayList<>();
        if (since < 0) {
            v.add(new FieldViolation("since", "「since」不能小于0"));
        }
        if (limit < 1 || limit > MAX_EXPORT_LIMIT) {
            v.add(new FieldViolation("limit", "「limit」应在1–" + MAX_EXPORT_LIMIT + "之间"));
        }
        reject(v);
        List<InstitutionChange> found = store.changesSince(since, callerRegion().scopePrefix(), limit + 1);
        boolean hasMore = found.size() > limit;
        List<InstitutionChange> items = hasMore ? found.subList(0, limit) : found;
        long next = items.isEmpty() ? since : items.get(items.size() - 1).seq();
        return new InstitutionChanges(List.copyOf(items), next, hasMore);
    }

    /**
     * Counts of institutions by kind, centre level and status within a region (STAT-01).
     *
     * @param regionCode null = the caller's region; a region outside the caller's scope is not found
     */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public InstitutionCounts counts(String regionCode) {
        RegionCode scope = callerRegion();
        RegionCode region = scope;
        if (regionCode != null && !regionCode.isBlank()) {
            region = RegionCode.of(regionCode);
            if (!scope.covers(region)) {
                throw new NotFoundException("行政区划不存在或不在您的管辖范围内: " + regionCode);
            }
        }
        return new InstitutionCounts(region.value(), store.counts(region.scopePrefix()));
    }

    // ---- helpers shared with InstitutionImport

    RegionCode callerRegion() {
        return caller.current().map(InstitutionCaller.Caller::region)
                .orElseThrow(() -> new AccessDeniedException("no signed-in user"));
    }

    String actor() {
        return caller.current().map(InstitutionCaller.Caller::username).orElse("system");
    }

    <T> List<FieldViolation> violations(T bean) {
        Set<ConstraintViolation<T>> found = validator.validate(bean);
        return found.stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> c) -> c.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .map(c -> new FieldViolation(c.getPropertyPath().toString(), c.getMessage()))
                .toList();
    }

    /** Now, to the microsecond the databases keep, so what a change returns is what a later read gives. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private InstitutionDetails visible(String code) {
        if (code == null || code.isBlank() || code.length() > 32) {
            throw notFound(code);
        }
        InstitutionDetails d = store.details(code).orElseThrow(() -> notFound(code));
        if (!callerRegion().covers(d.region())) {
            throw notFound(code); // outside the caller's scope looks like absent (ORG-05)
        }
        return d;
    }

    private static void reject(List<FieldViolation> v) {
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
    }

    private static NotFoundException notFound(String code) {
        return new NotFoundException("机构不存在或不在您的管辖范围内: " + code);
    }

    private static ConflictException versionConflict() {
        return new ConflictException("INSTITUTION_VERSION", "该机构已被他人修改，请刷新后重试");
    }
}
