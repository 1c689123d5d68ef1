package cn.healthcard.logistics;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** Institutions as places of stock, and the caller's standing at them (ORG-05 scoping). */
@Component
class Places {

    private final InstitutionService institutions;

    Places(InstitutionService institutions) {
        this.institutions = institutions;
    }

    Institution get(String code) {
        return institutions.get(code);
    }

    /** 「名称（代码）」 of a place, or the code alone when the register does not know it. */
    String label(String code) {
        if (code == null) {
            return "";
        }
        try {
            return institutions.get(code).name() + "（" + code + "）";
        } catch (NotFoundException e) {
            return code;
        }
    }

    String name(String code) {
        try {
            return institutions.get(code).name();
        } catch (NotFoundException e) {
            return code;
        }
    }

    /**
     * The institution a caller at a card maker is confined to (its own shipments, stock and records only), or
     * {@code null} for everyone else, who is scoped by region (ORG-05).
     */
    String makerScope(CurrentUser me) {
        if (me.institutionCode() == null) {
            return null;
        }
        try {
            return institutions.get(me.institutionCode()).kind() == InstitutionKind.CARD_MAKER
                    ? me.institutionCode() : null;
        } catch (NotFoundException e) {
            return null;
        }
    }

    static CurrentUser me() {
        return SecurityContextUsers.require();
    }

    /** 403 unless the caller works at the institution (e.g. only the sender dispatches). */
    static CurrentUser requireAt(String institutionCode, String action) {
        CurrentUser me = me();
        if (!institutionCode.equals(me.institutionCode())) {
            throw new AccessDeniedException("只有 " + institutionCode + " 的人员可以" + action);
        }
        return me;
    }
}
