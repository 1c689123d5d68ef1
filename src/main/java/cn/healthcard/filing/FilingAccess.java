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
 *   <li>a machine client ({@link SecurityContextUsers#machineClient()}) is only ever an applicant for the manufacturer
 *       its client id is bound to: it sees and acts on that manufacturer's filings only — another's answers 404, as if
 *       it did not exist; a client bound to no manufacturer sees nothing (404) and may not apply (403), whatever its
 *       region;</li>
 *   <li>persons of the national centre (region 000000) see every filing and application and are the only ones who
 *       create, modify and revoke (403 for anyone else, machine clients included);</li>
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

    /** Whether the caller is a machine client (an applicant at most, never the national desk). */
    static boolean machine() {
        return SecurityContextUsers.machineClient();
    }

    /** The manufacturer the calling machine client is bound to; empty for persons, the system and unbound clients. */
    Optional<Manufacturer> clientManufacturer(CurrentUser user) {
        return machine() ? manufacturers.findByApiClientId(user.username()) : Optional.empty();
    }

    /** The calling machine client's manufacturer; 403 for a client bound to none. Empty for persons. */
    Optional<Manufacturer> applicantManufacturer(CurrentUser user) {
        if (!machine()) {
            return Optional.empty();
        }
        return Optional.of(clientManufacturer(user).orElseThrow(() ->
                new AccessDeniedException("接入客户端未绑定生产单位，不能办理备案")));
    }

    /** A person (not a machine client) of the national centre. */
    static boolean nationalPerson(CurrentUser user) {
        return !machine() && RegionCode.NATIONAL.equals(user.region());
    }

    /** 403 unless the caller is a person of the national centre (FIL-02: only the national level changes filings). */
    void requireNationalPerson(String what) {
        if (!nationalPerson(SecurityContextUsers.require())) {
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
        if (machine()) {
            return clientManufacturer(user).map(m -> m.id().equals(f.manufacturerId())).orElse(false);
        }
        return nationalPerson(user) || f.filingNo() != null;
    }
}
