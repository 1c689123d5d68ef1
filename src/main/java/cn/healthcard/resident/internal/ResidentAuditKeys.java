package cn.healthcard.resident.internal;

import cn.healthcard.audit.ResidentSearchKeys;
import cn.healthcard.common.Masking;
import cn.healthcard.resident.ResidentService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the audit search index masks and keyed hashes of residents. Masking decrypts the name inside the
 * application and returns only the mask, so it is not a read of personal data by a person and is not logged as one.
 *
 * <p>The projection asks for the same residents round after round (every step of a case names its resident), and
 * decrypting them again was a quarter of its time. The keys are therefore kept in a bounded cache keyed by resident
 * id <em>and</em> the resident's last change ({@code updated_at}): each call reads only ids and change times (no
 * encrypted column) and decrypts just the residents that are new or changed since — on any node, so a change made
 * on another node is never projected with stale keys.
 */
@Component
class ResidentAuditKeys implements ResidentSearchKeys {

    /** Residents whose keys are kept; the oldest used drop out. */
    static final int CACHE_SIZE = 50_000;

    private record Cached(Instant updatedAt, Keys keys) {
    }

    private final ResidentRepository residents;
    private final ResidentService service;
    private final Map<String, Cached> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    ResidentAuditKeys(ResidentRepository residents, ResidentService service) {
        this.residents = residents;
        this.service = service;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, Keys> of(Collection<String> residentIds) {
        if (residentIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Keys> found = new HashMap<>();
        List<String> stale = new ArrayList<>();
        Map<String, Instant> versions = new HashMap<>();
        for (ResidentRepository.Version v : residents.versionsOf(residentIds)) {
            versions.put(v.getId(), v.getUpdatedAt());
            Cached cached;
            synchronized (cache) {
                cached = cache.get(v.getId());
            }
            if (cached != null && cached.updatedAt().equals(v.getUpdatedAt())) {
                found.put(v.getId(), cached.keys());
            } else {
                stale.add(v.getId());
            }
        }
        if (!stale.isEmpty()) {
            for (Resident r : residents.findAllById(stale)) {
                Keys keys = new Keys(Masking.name(r.name()), r.nameIndex(), r.documentType(), r.documentIndex(),
                        Masking.documentNumber(r.documentNumber()));
                found.put(r.id(), keys);
                synchronized (cache) {
                    cache.put(r.id(), new Cached(versions.get(r.id()), keys));
                }
            }
        }
        return found;
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
