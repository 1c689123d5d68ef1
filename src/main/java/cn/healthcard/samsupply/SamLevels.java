package cn.healthcard.samsupply;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who works at which level of the SAM chain: a city centre registers, the provincial centre reviews and reports, the
 * national centre plans and orders. A person "is at" a level when their institution is a registration centre of that
 * level; anyone else gets 403 naming the level.
 */
@Component
class SamLevels {

    private final InstitutionService institutions;

    SamLevels(InstitutionService institutions) {
        this.institutions = institutions;
    }

    /** 403 unless the caller works at a registration centre of the level; the centre. */
    Institution requireCentre(RegionCode.Level level, String action) {
        CurrentUser me = SecurityContextUsers.require();
        Institution centre = null;
        if (me.institutionCode() != null) {
            try {
                centre = institutions.get(me.institutionCode());
            } catch (NotFoundException e) {
                centre = null;
            }
        }
        if (centre == null || centre.kind() != InstitutionKind.REGISTRATION_CENTRE
                || centre.region().level() != level) {
            throw new AccessDeniedException("只有" + name(level) + "注册管理中心可以" + action);
        }
        return centre;
    }

    static String name(RegionCode.Level level) {
        return switch (level) {
            case NATIONAL -> "国家级";
            case PROVINCE -> "省级";
            case CITY -> "地市级";
            case COUNTY -> "区县级";
        };
    }

    Institution get(String code) {
        return institutions.get(code);
    }

    String name(String code) {
        try {
            return institutions.get(code).name();
        } catch (NotFoundException e) {
            return code;
        }
    }
}
