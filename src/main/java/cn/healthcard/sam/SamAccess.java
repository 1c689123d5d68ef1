package cn.healthcard.sam;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.sam.internal.SamCard;
import cn.healthcard.sam.internal.SamCardRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** Loads SAM cards within the caller's region (ORG-05): another region's SAM is "not there" (404). */
@Component
class SamAccess {

    static final String STALE = "STALE_VERSION";

    private final SamCardRepository cards;
    private final InstitutionService institutions;

    SamAccess(SamCardRepository cards, InstitutionService institutions) {
        this.cards = cards;
        this.institutions = institutions;
    }

    /**
     * 403 unless the caller works at a registration centre (any level: a municipality's centre is provincial and
     * serves as its city centre; the region scope still applies, decision 030).
     */
    void requireCentre(String what) {
        CurrentUser user = SecurityContextUsers.require();
        boolean centre;
        try {
            centre = user.institutionCode() != null
                    && institutions.get(user.institutionCode()).kind() == InstitutionKind.REGISTRATION_CENTRE;
        } catch (NotFoundException e) {
            centre = false;
        }
        if (!centre) {
            throw new AccessDeniedException("只有注册管理中心的经办人员可以" + what);
        }
    }

    SamCard visible(String samNo) {
        String no = SamNumbers.require(samNo, "samNo");
        return cards.findById(no).filter(c -> SecurityContextUsers.require().canSee(c.placeRegion()))
                .orElseThrow(() -> new NotFoundException("SAM卡不存在: " + no));
    }

    /** 409 {@value #STALE} when the caller saw another version of the card. */
    static void requireVersion(SamCard card, Long expected) {
        if (expected != null && expected != card.version()) {
            throw new ConflictException(STALE, "SAM卡 " + card.samNo() + " 已被他人修改，请刷新后重试");
        }
    }
}
