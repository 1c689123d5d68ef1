package cn.healthcard.filing;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.filing.internal.Manufacturer;
import cn.healthcard.filing.internal.ManufacturerRepository;
import cn.healthcard.filing.internal.ProductFiling;
import cn.healthcard.filing.internal.ProductFilingRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Who may see and do what with filings (FIL-01, FIL-02):
 * <ul>
 *   <li>a manufacturer's machine client (its client id bound to the manufacturer) sees and acts on its own filings
 *       only — another's answers 404, as if it did not exist;</li>
 *   <li>persons of the national centre (region 000000) see every filing and application and are the only ones who
 *       create, modify and revoke (403 for anyone else);</li>
 *   <li>persons of the provincial and city centres see what was ever published (a filing number was given) — the
 *       catalogue, current and past — and nothing in review;</li>
 *   <li>the system sees everything.</li>
 * </ul>
 */
@Component
class FilingAccess {

    private final ManufacturerRepository manufacturers;
    private final ProductFilingRepository filings;

    FilingAccess(ManufacturerRepository manufacturers, ProductFilingRepository filings) {
        this.manufacturers = manufacturers;
        this.filings = filings;
    }

    /** The manufacturer the caller's machine client speaks for, if the caller is such a client. */
    Optional<Manufacturer> clientManufacturer(CurrentUser user) {
        return user.has(Role.SYSTEM) ? Optional.empty() : manufacturers.findByApiClientId(user.username());
    }

    static boolean national(CurrentUser user) {
        return RegionCode.NATIONAL.equals(user.region());
    }

    /** 403 unless the caller is a person of the national centre (FIL-02: only the national level changes filings). */
    void requireNationalPerson(String what) {
        CurrentUser user = SecurityContextUsers.require();
        if (!national(user) || clientManufacturer(user).isPresent()) {
            throw new AccessDeniedException("只有国家级注册管理中心可以" + what);
        }
    }

    /** The filing if the caller may see it (rules above); 404 otherwise. */
    ProductFiling load(String id) {
        ProductFiling f = filings.findById(id == null ? "" : id)
                .orElseThrow(() -> new NotFoundException("备案不存在: " + id));
        if (!maySee(SecurityContextUsers.require(), f)) {
            throw new NotFoundException("备案不存在: " + id);
        }
        return f;
    }

    ProductFiling loadByCase(String caseNo) {
        ProductFiling f = filings.findByCaseNo(caseNo)
                .orElseThrow(() -> new NotFoundException("备案申请不存在: " + caseNo));
        if (!maySee(SecurityContextUsers.require(), f)) {
            throw new NotFoundException("备案申请不存在: " + caseNo);
        }
        return f;
    }

    boolean maySee(CurrentUser user, ProductFiling f) {
        if (user.has(Role.SYSTEM)) {
            return true;
        }
        Optional<Manufacturer> own = clientManufacturer(user);
        if (own.isPresent()) {
            return own.get().id().equals(f.manufacturerId());
        }
        return national(user) || f.filingNo() != null;
    }
}
