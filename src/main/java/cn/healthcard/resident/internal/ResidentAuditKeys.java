package cn.healthcard.resident.internal;

import cn.healthcard.audit.ResidentSearchKeys;
import cn.healthcard.common.Masking;
import cn.healthcard.resident.ResidentService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gives the audit search index masks and keyed hashes of residents. Masking decrypts the name inside the
 * application and returns only the mask, so it is not a read of personal data by a person and is not logged as one.
 */
@Component
class ResidentAuditKeys implements ResidentSearchKeys {

    private final ResidentRepository residents;
    private final ResidentService service;

    ResidentAuditKeys(ResidentRepository residents, ResidentService service) {
        this.residents = residents;
        this.service = service;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, Keys> of(Collection<String> residentIds) {
        return residents.findAllById(residentIds).stream().collect(Collectors.toMap(Resident::id,
                r -> new Keys(Masking.name(r.name()), r.nameIndex(), r.documentType(), r.documentIndex(),
                        Masking.documentNumber(r.documentNumber())), (a, b) -> a));
    }

    @Override
    public String documentKey(String documentType, String documentNumber) {
        return service.documentIndex(documentType, documentNumber);
    }

    @Override
    public String nameKey(String fullName) {
        return service.nameIndex(fullName);
    }
}
