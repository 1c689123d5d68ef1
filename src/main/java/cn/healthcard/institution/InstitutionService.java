package cn.healthcard.institution;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.internal.InstitutionStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Institutions and their regions. Full management (ORG-01…04) comes with its own issue. */
@Service
public class InstitutionService {

    private final InstitutionStore store;

    InstitutionService(InstitutionStore store) {
        this.store = store;
    }

    @Transactional(readOnly = true)
    public Institution get(String code) {
        return store.find(code).orElseThrow(() -> new NotFoundException("机构不存在: " + code));
    }

    /** Institutions in the given region and the regions below it (ORG-05). */
    @Transactional(readOnly = true)
    public List<Institution> within(RegionCode region) {
        return store.all().stream().filter(i -> region.covers(i.region())).toList();
    }

    /** Creates the institution unless one with the code exists (used by set-up and demo data). */
    @Transactional
    public Institution registerIfAbsent(Institution institution) {
        return store.find(institution.code()).orElseGet(() -> store.save(institution));
    }
}
