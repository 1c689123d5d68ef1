package cn.healthcard.floor;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.floor.FloorViews.Batch;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Who sees which batch: a maker's own people (role PRODUCTION at the batch's maker) act on it; supervisors and
 * auditors whose region covers the batch's region read it; the system does everything. Anybody else: 404, the batch
 * does not exist for them.
 */
@Component
class FloorAccess {

    private final FloorRecords records;
    private final InstitutionService institutions;

    FloorAccess(FloorRecords records, InstitutionService institutions) {
        this.records = records;
        this.institutions = institutions;
    }

    /** A batch the caller may read. */
    Batch readable(String batchNo) {
        Batch b = records.find(batchNo).orElseThrow(() -> notFound(batchNo));
        CurrentUser me = SecurityContextUsers.require();
        if (me.has(Role.SYSTEM) || ownMaker(me, b.makerCode())
                || ((me.has(Role.SUPERVISOR) || me.has(Role.AUDITOR)) && me.canSee(b.regionCode()))) {
            return b;
        }
        throw notFound(batchNo);
    }

    /** A batch the caller may act on: a person of its maker (404 otherwise), or the system. */
    Batch actionable(String batchNo) {
        Batch b = records.find(batchNo).orElseThrow(() -> notFound(batchNo));
        CurrentUser me = SecurityContextUsers.require();
        if (me.has(Role.SYSTEM) || ownMaker(me, b.makerCode())) {
            return b;
        }
        throw notFound(batchNo);
    }

    /** The batches the caller sees, newest first. */
    List<Batch> visible() {
        CurrentUser me = SecurityContextUsers.require();
        if (me.has(Role.PRODUCTION) && me.institutionCode() != null && isMaker(me.institutionCode())) {
            return records.ofMaker(me.institutionCode());
        }
        if (me.has(Role.SUPERVISOR) || me.has(Role.AUDITOR)) {
            return records.inRegion(me.region().scopePrefix());
        }
        return List.of();
    }

    /** The maker the caller works for (403 for anyone but production people of a card maker). */
    String ownMakerCode() {
        CurrentUser me = SecurityContextUsers.require();
        if (!me.has(Role.PRODUCTION) || me.institutionCode() == null || !isMaker(me.institutionCode())) {
            throw new AccessDeniedException("只有制卡机构的制卡操作员可以办理");
        }
        return me.institutionCode();
    }

    /** Whether the institution is a card maker (制卡机构). */
    boolean isMaker(String institutionCode) {
        try {
            return institutions.get(institutionCode).kind() == InstitutionKind.CARD_MAKER;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The region of a card maker, empty when there is no such maker. */
    Optional<String> makerRegion(String institutionCode) {
        return isMaker(institutionCode) ? Optional.of(institutions.get(institutionCode).region().value())
                : Optional.empty();
    }

    static boolean ownMaker(CurrentUser me, String makerCode) {
        return me.has(Role.PRODUCTION) && makerCode.equals(me.institutionCode());
    }

    static NotFoundException notFound(String batchNo) {
        return new NotFoundException("批次不存在: " + batchNo);
    }
}
