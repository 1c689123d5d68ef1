package cn.healthcard.sam;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.sam.internal.SamCard;
import cn.healthcard.sam.internal.SamCardRepository;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.stereotype.Component;

/** Loads SAM cards within the caller's region (ORG-05): another region's SAM is "not there" (404). */
@Component
class SamAccess {

    static final String STALE = "STALE_VERSION";

    private final SamCardRepository cards;

    SamAccess(SamCardRepository cards) {
        this.cards = cards;
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
