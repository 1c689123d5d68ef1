package cn.healthcard.sam;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.sam.internal.SamBinding;
import cn.healthcard.sam.internal.SamBindingRepository;
import cn.healthcard.sam.internal.SamCard;
import cn.healthcard.sam.internal.SamCardRepository;
import cn.healthcard.security.SecurityContextUsers;
import jakarta.persistence.criteria.Predicate;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SAM register as people read it (SAM-02, SAM-03, ORG-02): cards by number, status, place and institution, paged,
 * within the caller's region; a card with its binding history; an institution's cards.
 */
@Service
public class SamRegister {

    public static final int MAX_PAGE_SIZE = 500;

    private final SamAccess access;
    private final SamCardRepository cards;
    private final SamBindingRepository bindings;
    private final InstitutionService institutions;

    SamRegister(SamAccess access, SamCardRepository cards, SamBindingRepository bindings,
                InstitutionService institutions) {
        this.institutions = institutions;
        this.access = access;
        this.cards = cards;
        this.bindings = bindings;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','WAREHOUSE','AUDITOR','ADMIN')")
    public SamPage query(SamQuery query, int page, int size) {
        return search(query, null, page, size);
    }

    /** As {@link #query}, limited to cards in one of {@code states} when given (the SAM blacklist's list). */
    SamPage search(SamQuery query, Set<SamState> states, int page, int size) {
        SamQuery q = query == null ? SamQuery.all() : query;
        List<FieldViolation> v = new ArrayList<>();
        if (page < 0) {
            v.add(new FieldViolation("page", "「页码」不能小于0"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            v.add(new FieldViolation("size", "「每页条数」应在1–" + MAX_PAGE_SIZE + "之间"));
        }
        if (q.samNo() != null && !q.samNo().isBlank() && !SamNumbers.valid(q.samNo().strip())) {
            v.add(new FieldViolation("samNo", "「SAM卡号」应为8–32位数字或大写字母"));
        }
        if (q.place() != null && q.place().length() > 64) {
            v.add(new FieldViolation("place", "「所在地点」最多64个字符"));
        }
        if (q.institution() != null && q.institution().length() > 32) {
            v.add(new FieldViolation("institution", "「绑定机构」最多32个字符"));
        }
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
        String scope = SecurityContextUsers.require().region().scopePrefix();
        Specification<SamCard> spec = (root, cq, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (!scope.isEmpty()) {
                where.add(cb.like(root.get("placeRegion"), scope + "%"));
            }
            if (q.samNo() != null && !q.samNo().isBlank()) {
                where.add(cb.equal(root.get("samNo"), q.samNo().strip()));
            }
            if (q.place() != null && !q.place().isBlank()) {
                where.add(cb.equal(root.get("placeCode"), q.place().strip()));
            }
            if (q.institution() != null && !q.institution().isBlank()) {
                where.add(cb.equal(root.get("institutionCode"), q.institution().strip()));
            }
            if (states != null) {
                where.add(root.get("state").in(states));
            }
            if (q.status() != null) {
                switch (q.status()) {
                    case CANCELLED -> where.add(cb.equal(root.get("state"), SamState.CANCELLED));
                    case FROZEN -> where.add(cb.equal(root.get("state"), SamState.FROZEN));
                    case BOUND -> {
                        where.add(cb.equal(root.get("state"), SamState.ACTIVE));
                        where.add(cb.isNotNull(root.get("terminalNo")));
                    }
                    case IN_STOCK -> {
                        where.add(cb.equal(root.get("state"), SamState.ACTIVE));
                        where.add(cb.isNull(root.get("terminalNo")));
                    }
                }
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        Page<SamCard> found = cards.findAll(spec, PageRequest.of(page, size, Sort.by("samNo")));
        return new SamPage(found.map(SamCard::toView).getContent(), page, size, found.getTotalElements());
    }

    /** One card (404 outside the caller's region). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','WAREHOUSE','AUDITOR','ADMIN')")
    public SamCardView get(String samNo) {
        return access.visible(samNo).toView();
    }

    /** A card's binding history, oldest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','WAREHOUSE','AUDITOR','ADMIN')")
    public List<SamBindingView> bindings(String samNo) {
        return bindings.findBySamNoOrderByIdAsc(access.visible(samNo).samNo()).stream().map(SamBinding::toView)
                .toList();
    }

    /**
     * The SAM cards bound to an institution or kept at it (ORG-02), for an institution in the caller's region (none
     * otherwise): all of them, also a SAM bound there that is kept on the books of a centre elsewhere.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','WAREHOUSE','AUDITOR','ADMIN')")
    public List<SamCardView> ofInstitution(String institutionCode) {
        if (institutionCode == null || institutionCode.isBlank()) {
            return List.of();
        }
        var user = SecurityContextUsers.require();
        try {
            if (!user.canSee(institutions.get(institutionCode.strip()).region().value())) {
                return List.of();
            }
        } catch (NotFoundException e) {
            return List.of();
        }
        return cards.findByInstitutionCodeOrPlaceCodeOrderBySamNo(institutionCode, institutionCode).stream()
                .map(SamCard::toView).toList();
    }
}
