package cn.healthcard.institution.internal;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.institution.CentreLevel;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionChange;
import cn.healthcard.institution.InstitutionCounts;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionPage;
import cn.healthcard.institution.InstitutionQuery;
import cn.healthcard.institution.InstitutionStatus;
import cn.healthcard.common.RegionCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.criteria.Predicate;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence of the register and its exchange log, kept behind {@link cn.healthcard.institution.InstitutionService}
 * and {@link cn.healthcard.institution.InstitutionImport}. Every write here also appends to the exchange log, in the
 * caller's transaction, after taking the log's lock (decision 023).
 */
@Component
public class InstitutionStore {

    private static final int IN_CHUNK = 500;

    private final InstitutionRepository repository;
    private final InstitutionChangeRepository changes;
    private final InstitutionChangeLockRepository lock;
    private final ObjectMapper json;

    InstitutionStore(InstitutionRepository repository, InstitutionChangeRepository changes,
                     InstitutionChangeLockRepository lock, ObjectMapper json) {
        this.repository = repository;
        this.changes = changes;
        this.lock = lock;
        this.json = json;
    }

    /**
     * Takes the register's lock until the transaction ends. Every write transaction takes it first, before it
     * checks the register's rules (one active centre per region, nothing active below a centre it cancels), so two
     * admins at once check and write one after the other (decision 023).
     */
    public void lock() {
        lock.acquire();
    }

    public Optional<Institution> find(String code) {
        return repository.findById(code).map(InstitutionEntity::toRecord);
    }

    public Optional<InstitutionDetails> details(String code) {
        return repository.findById(code).map(InstitutionEntity::toDetails);
    }

    public boolean exists(String code) {
        return repository.existsById(code);
    }

    /** The institutions whose region starts with the prefix ("" = all), by region then code. */
    public List<Institution> within(String regionPrefix) {
        return repository.findByRegionCodeStartingWithOrderByRegionCodeAscCodeAsc(regionPrefix).stream()
                .map(InstitutionEntity::toRecord).toList();
    }

    /** Set-up and demo data: a bare row, not logged as a change (it is the starting state). */
    public Institution save(Institution institution, String superiorCode, Instant now) {
        return repository.save(new InstitutionEntity(institution, superiorCode, now)).toRecord();
    }

    /** The institutions of one kind, active or not, by code. */
    public List<InstitutionDetails> ofKind(InstitutionKind kind) {
        return repository.findByKind(kind).stream().map(InstitutionEntity::toDetails)
                .sorted(java.util.Comparator.comparing(InstitutionDetails::code)).toList();
    }

    /** All registration centres, active or not, by code. */
    public Map<String, InstitutionDetails> centres() {
        Map<String, InstitutionDetails> centres = new LinkedHashMap<>();
        repository.findByKind(InstitutionKind.REGISTRATION_CENTRE).stream().map(InstitutionEntity::toDetails)
                .forEach(d -> centres.put(d.code(), d));
        return centres;
    }

    /** The institutions with these codes that exist. */
    public Map<String, InstitutionDetails> existing(Collection<String> codes) {
        Map<String, InstitutionDetails> found = new HashMap<>();
        List<String> list = new ArrayList<>(codes);
        for (int i = 0; i < list.size(); i += IN_CHUNK) {
            repository.findAllById(list.subList(i, Math.min(list.size(), i + IN_CHUNK)))
                    .forEach(e -> found.put(e.code(), e.toDetails()));
        }
        return found;
    }

    public long countActiveBelow(String superiorCode) {
        return repository.countActiveBelow(superiorCode);
    }

    /** Registers a checked form and logs the change. */
    public InstitutionDetails register(InstitutionForm form, String superiorCode, Instant now, String actor) {
        lock.acquire();
        InstitutionEntity saved = repository.saveAndFlush(new InstitutionEntity(form, superiorCode, now));
        InstitutionDetails details = saved.toDetails();
        log(details, InstitutionChange.Type.REGISTERED, now, actor);
        return details;
    }

    /**
     * Registers checked forms in order and logs each; a centre takes over its region as {@link #reparentUnder}
     * says. Returns the seq of the first and last change.
     */
    public long[] registerAll(List<InstitutionForm> forms, Map<String, String> superiors, Instant now, String actor) {
        lock.acquire();
        long first = 0;
        long last = 0;
        for (InstitutionForm form : forms) {
            InstitutionEntity saved = repository.save(new InstitutionEntity(form, superiors.get(form.code()), now));
            InstitutionDetails details = saved.toDetails();
            long seq = log(details, InstitutionChange.Type.REGISTERED, now, actor);
            first = first == 0 ? seq : first;
            last = seq;
            last = Math.max(last, reparent(details, now, actor, new ArrayList<>()));
        }
        return new long[]{first, last};
    }

    /**
     * After a provincial or city centre is registered: the active institutions of its region and the regions below
     * that were under the centre above it (they had no nearer centre) move under it, each logged as a change
     * (MODIFIED, version + 1) in the caller's transaction. Nothing for other kinds or the national centre.
     *
     * @return the institutions moved, as they are now
     */
    public List<InstitutionDetails> reparentUnder(InstitutionDetails centre, Instant now, String actor) {
        List<InstitutionDetails> moved = new ArrayList<>();
        reparent(centre, now, actor, moved);
        return moved;
    }

    /** As {@link #reparentUnder}, adding the moved to {@code moved}; returns the seq of the last change, or 0. */
    private long reparent(InstitutionDetails centre, Instant now, String actor, List<InstitutionDetails> moved) {
        if (centre.kind() != InstitutionKind.REGISTRATION_CENTRE || centre.superiorCode() == null) {
            return 0;
        }
        List<InstitutionEntity> below = repository.findByRegionCodeStartingWithAndSuperiorCodeAndActiveTrueOrderByCode(
                centre.region().scopePrefix(), centre.superiorCode()).stream()
                .filter(e -> !e.code().equals(centre.code())).toList();
        below.forEach(e -> e.reparent(centre.code()));
        repository.flush();
        long last = 0;
        for (InstitutionEntity e : below) {
            InstitutionDetails d = e.toDetails();
            last = log(d, InstitutionChange.Type.MODIFIED, now, actor);
            moved.add(d);
        }
        return last;
    }

    /**
     * Applies the form to the row if it still has the version the caller saw.
     *
     * @return empty when the row does not exist
     * @throws org.springframework.orm.ObjectOptimisticLockingFailureException when someone else changed it meanwhile
     */
    public Optional<InstitutionDetails> modify(String code, long version, InstitutionForm form, String superiorCode,
                                               Instant now, String actor) {
        lock.acquire();
        Optional<InstitutionEntity> found = repository.findById(code);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        InstitutionEntity entity = found.get();
        checkVersion(entity, version);
        entity.apply(form, superiorCode);
        InstitutionDetails details = repository.saveAndFlush(entity).toDetails();
        log(details, InstitutionChange.Type.MODIFIED, now, actor);
        return Optional.of(details);
    }

    /** Cancels the row if it still has the version the caller saw; empty when it does not exist. */
    public Optional<InstitutionDetails> cancel(String code, long version, String reason, Instant now, String actor) {
        lock.acquire();
        Optional<InstitutionEntity> found = repository.findById(code);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        InstitutionEntity entity = found.get();
        checkVersion(entity, version);
        entity.cancel(reason, now);
        InstitutionDetails details = repository.saveAndFlush(entity).toDetails();
        log(details, InstitutionChange.Type.CANCELLED, now, actor);
        return Optional.of(details);
    }

    private static void checkVersion(InstitutionEntity entity, long version) {
        if (entity.version() != version) {
            throw new org.springframework.orm.ObjectOptimisticLockingFailureException(InstitutionEntity.class,
                    entity.code());
        }
    }

    /** A page of the combined query, within the region prefix {@code scope}, ordered by region then code. */
    public InstitutionPage search(InstitutionQuery q, String scope, int page, int size) {
        Specification<InstitutionEntity> spec = (root, cq, cb) -> {
            List<Predicate> p = new ArrayList<>();
            p.add(cb.like(root.get("regionCode"), scope + "%"));
            if (q.regionCode() != null && !q.regionCode().isBlank()) {
                p.add(cb.like(root.get("regionCode"), RegionCode.of(q.regionCode()).scopePrefix() + "%"));
            }
            if (q.name() != null && !q.name().isBlank()) {
                p.add(cb.like(cb.lower(root.get("name")), "%" + escape(q.name().strip().toLowerCase()) + "%", '\\'));
            }
            if (q.kind() != null) {
                p.add(cb.equal(root.get("kind"), q.kind()));
            }
            if (q.nature() != null) {
                p.add(cb.equal(root.get("nature"), q.nature()));
            }
            if (q.category() != null) {
                p.add(cb.equal(root.get("category"), q.category()));
            }
            if (q.code() != null && !q.code().isBlank()) {
                p.add(cb.equal(root.get("code"), q.code().strip()));
            }
            if (q.registeredFrom() != null) {
                p.add(cb.greaterThanOrEqualTo(root.get("registeredAt"), q.registeredFrom().atStartOfDay(ChinaTime.ZONE).toInstant()));
            }
            if (q.registeredTo() != null) {
                p.add(cb.lessThan(root.get("registeredAt"), q.registeredTo().plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant()));
            }
            if (q.status() != null) {
                p.add(cb.equal(root.get("active"), q.status() == InstitutionStatus.ACTIVE));
            }
            return cb.and(p.toArray(Predicate[]::new));
        };
        var result = repository.findAll(spec, PageRequest.of(page, size, Sort.by("regionCode", "code")));
        return new InstitutionPage(result.getContent().stream().map(InstitutionEntity::toDetails).toList(),
                result.getTotalElements(), page, size);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Up to {@code limit} changes after {@code since} within the region prefix, in seq order. */
    public List<InstitutionChange> changesSince(long since, String scope, int limit) {
        return changes.findBySeqGreaterThanAndRegionCodeStartingWithOrderBySeqAsc(since, scope, Limit.of(limit))
                .stream().map(InstitutionChangeRecord::toChange).toList();
    }

    /** The exchange log of one institution, oldest first (its history). */
    public List<InstitutionChange> history(String code) {
        return changes.findByCodeOrderBySeqAsc(code).stream().map(InstitutionChangeRecord::toChange).toList();
    }

    /** Counts by kind, centre level and status within the region prefix. */
    public List<InstitutionCounts.Row> counts(String scope) {
        Map<List<Object>, Long> rows = new LinkedHashMap<>();
        for (Object[] r : repository.countByKindRegionActive(scope + "%")) {
            InstitutionKind kind = (InstitutionKind) r[0];
            CentreLevel level = kind == InstitutionKind.REGISTRATION_CENTRE
                    ? CentreLevel.of(RegionCode.of((String) r[1])).orElse(null) : null;
            InstitutionStatus status = Boolean.TRUE.equals(r[2]) ? InstitutionStatus.ACTIVE
                    : InstitutionStatus.CANCELLED;
            rows.merge(java.util.Arrays.asList(kind, level, status), ((Number) r[3]).longValue(), Long::sum);
        }
        return rows.entrySet().stream()
                .map(e -> new InstitutionCounts.Row((InstitutionKind) e.getKey().get(0),
                        (CentreLevel) e.getKey().get(1), (InstitutionStatus) e.getKey().get(2), e.getValue()))
                .sorted(java.util.Comparator.comparing((InstitutionCounts.Row r) -> r.kind())
                        .thenComparing(r -> r.level() == null ? -1 : r.level().ordinal())
                        .thenComparing(InstitutionCounts.Row::status))
                .toList();
    }

    private long log(InstitutionDetails d, InstitutionChange.Type type, Instant now, String actor) {
        return changes.save(new InstitutionChangeRecord(d.code(), d.kind(), d.region().value(), d.version(), type,
                payload(d), now, actor)).toChange().seq();
    }

    private String payload(InstitutionDetails d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", d.code());
        m.put("name", d.name());
        m.put("kind", d.kind().name());
        m.put("regionCode", d.region().value());
        m.put("level", d.level() == null ? null : d.level().name());
        m.put("superiorCode", d.superiorCode());
        m.put("contact", d.contact());
        m.put("phone", d.phone());
        m.put("address", d.address());
        m.put("head", d.head());
        m.put("nature", d.nature() == null ? null : d.nature().name());
        m.put("category", d.category() == null ? null : d.category().name());
        m.put("creditCode", d.creditCode());
        m.put("medicalCode", d.medicalCode());
        m.put("status", d.status().name());
        m.put("registeredAt", d.registeredAt() == null ? null : d.registeredAt().toString());
        m.put("cancelledAt", d.cancelledAt() == null ? null : d.cancelledAt().toString());
        m.put("cancelReason", d.cancelReason());
        m.put("version", d.version());
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the change payload of " + d.code(), e);
        }
    }
}
