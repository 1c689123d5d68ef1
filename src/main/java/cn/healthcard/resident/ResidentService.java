package cn.healthcard.resident;

import cn.healthcard.common.ImageHeader;
import cn.healthcard.audit.PersonalDataRead;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.Masking;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.crypto.PersonalDataProtector;
import cn.healthcard.resident.internal.Resident;
import cn.healthcard.resident.internal.ResidentPhoto;
import cn.healthcard.resident.internal.ResidentPhotoRepository;
import cn.healthcard.resident.internal.ResidentRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Residents' card data. Plaintext personal data leaves this service only through {@link #details} and
 * {@link #photo}, each read recorded in the audit log (SEC-03).
 */
@Service
public class ResidentService {

    /** Blind-index purposes: the same value gives unrelated indexes in different columns. */
    static final String DOCUMENT_PURPOSE = "resident.document";
    static final String NAME_PURPOSE = "resident.name";
    /** The 409 code of an application whose identity data differ from another region's record (ORG-05). */
    public static final String DATA_CONFLICT = "RESIDENT_DATA_CONFLICT";

    private final ResidentRepository residents;
    private final ResidentPhotoRepository photos;
    private final ResidentValidator validator;
    private final PersonalDataProtector protector;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final EhcIdAlgorithm ehcIds;

    ResidentService(ResidentRepository residents, ResidentPhotoRepository photos, ResidentValidator validator,
                    PersonalDataProtector protector, ApplicationEventPublisher events, Clock clock,
                    EhcIdAlgorithm ehcIds) {
        this.residents = residents;
        this.photos = photos;
        this.validator = validator;
        this.protector = protector;
        this.events = events;
        this.clock = clock;
        this.ehcIds = ehcIds;
    }

    /** The keyed index of a document, the only way documents are looked up. */
    public String documentIndex(String documentType, String documentNumber) {
        return protector.blindIndex(DOCUMENT_PURPOSE, documentType + ":" + normalise(documentNumber));
    }

    /** The keyed index of a full name. */
    public String nameIndex(String name) {
        return protector.blindIndex(NAME_PURPOSE, name.trim());
    }

    /**
     * Validates the data and stores it: a new resident, or the existing record of the same document updated.
     * Must run inside the caller's transaction (the card application that needs it).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    @PreAuthorize("hasAnyRole('CLERK','SYSTEM')")
    public ResidentSummary register(ResidentData data, String regionCode) {
        validator.check(data);
        Instant now = clock.instant();
        String index = documentIndex(data.documentType(), data.documentNumber());
        Optional<Resident> existing = residents.findByDocumentIndex(index);
        if (existing.isPresent() && !mayUpdate(existing.get())) {
            return keptAsIs(existing.get(), data);
        }
        Resident resident = existing.orElseGet(() -> new Resident(
                UUID.randomUUID().toString(), data.documentType(), index, normalise(data.documentNumber()),
                regionCode, now));
        resident.update(data.name().trim(), nameIndex(data.name()), data.sex(),
                data.ethnicity(), data.birthDate(), data.phone().trim(), data.address().trim(), data.bloodTypeAbo(),
                data.bloodTypeRh(), blankToNull(data.medicalAlerts()), now);
        residents.saveAndFlush(resident);
        ResidentPhoto photo = photos.findById(resident.id()).orElseGet(() -> new ResidentPhoto(resident.id()));
        var image = ImageHeader.read(data.photo()).orElseThrow(); // validated above
        photo.replace(PhotoValidator.contentType(data.photo()), image.width(), image.height(), data.photo(), now);
        photos.save(photo);
        return summary(resident);
    }

    /** Only the resident's own region (and those above it) and the system change a stored resident record (ORG-05). */
    private static boolean mayUpdate(Resident resident) {
        CurrentUser user = SecurityContextUsers.require();
        return user.has(Role.SYSTEM) || user.canSee(resident.regionCode());
    }

    /**
     * A centre outside the record's region registers a person who already has a record (e.g. someone who moved): it
     * may not overwrite that record. When the identity data it entered agree with the record, the record is used as
     * it is; when they differ, the application is refused until the record's own centre has reviewed the conflict.
     */
    private ResidentSummary keptAsIs(Resident resident, ResidentData data) {
        if (!sameIdentity(resident, data.name(), data.sex(), data.ethnicity(), data.birthDate())) {
            throw new ConflictException(DATA_CONFLICT, "该居民的档案由其他地区（" + resident.regionCode()
                    + "）登记，所填身份信息与档案不一致；可提交档案核实申请，由档案所属地区核实更正后再申领"
                    + " (resident record conflict)");
        }
        return summary(resident);
    }

    /** Whether the identity data (name by keyed index, sex, ethnicity, birth date) are the record's. */
    private boolean sameIdentity(Resident resident, String name, String sex, String ethnicity,
                                 java.time.LocalDate birthDate) {
        return name != null && nameIndex(name).equals(resident.nameIndex()) && resident.sex().equals(sex)
                && resident.birthDate().equals(birthDate) && resident.ethnicity().equals(ethnicity);
    }

    /**
     * Whether these identity data differ from the resident's record (the resident-data conflict case, ORG-05);
     * compared by keyed index, nothing decrypted, no region check (the filer is of another region).
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SYSTEM')")
    public boolean identityDiffers(String residentId, String name, String sex, String ethnicity,
                                   java.time.LocalDate birthDate) {
        return !sameIdentity(load(residentId), name, sex, ethnicity, birthDate);
    }

    /**
     * What would be wrong with the record if its identity data were these (the normal validation, e.g. the birth
     * date and sex against the ID number), by field ({@code name}, {@code sex}, {@code ethnicity},
     * {@code birthDate}); empty when they could be applied.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SYSTEM')")
    public java.util.List<cn.healthcard.common.FieldViolation> identityViolations(
            String residentId, String name, String sex, String ethnicity, java.time.LocalDate birthDate) {
        Resident r = load(residentId);
        byte[] photo = photos.findById(r.id()).map(ResidentPhoto::data).orElse(null);
        var identityFields = java.util.Set.of("name", "sex", "ethnicity", "birthDate");
        return validator.violations(new ResidentData(r.documentType(), r.documentNumber(), name, sex, ethnicity,
                        birthDate, r.phone(), r.address(), r.bloodTypeAbo(), r.bloodTypeRh(), r.medicalAlerts(), photo))
                .stream().filter(v -> identityFields.contains(v.field())).toList();
    }

    /**
     * Applies the change table of a replacement (LC-04) to the resident record through the normal validation.
     * Keys are the card-data field names (name, sex, ethnicity, birthDate, phone, address, bloodTypeAbo,
     * bloodTypeRh, medicalAlerts); the document itself cannot change this way.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void applyChanges(String residentId, java.util.Map<String, String> newValues) {
        Resident r = load(residentId);
        register(withChanges(r, newValues), r.regionCode());
    }

    /**
     * What would be wrong with the record after the changes (checked when a replacement is accepted, so the
     * supervisor never approves changes that cannot be applied). Messages name the change table.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SYSTEM')")
    public java.util.List<cn.healthcard.common.FieldViolation> changeViolations(String residentId,
                                                                              java.util.Map<String, String> newValues) {
        try {
            return validator.violations(withChanges(load(residentId), newValues)).stream()
                    .map(v -> new cn.healthcard.common.FieldViolation("changes", "变更后：" + v.message())).toList();
        } catch (cn.healthcard.common.DomainValidationException e) {
            return e.violations();
        }
    }

    private ResidentData withChanges(Resident r, java.util.Map<String, String> newValues) {
        java.util.Map<String, String> v = new java.util.HashMap<>(newValues);
        if (v.containsKey("documentNumber") || v.containsKey("documentType")) {
            throw new cn.healthcard.common.DomainValidationException("changes",
                    "证件类型和号码不能通过补换变更；证件变更请注销后重新申领");
        }
        java.time.LocalDate birthDate = r.birthDate();
        if (v.containsKey("birthDate")) {
            try {
                birthDate = java.time.LocalDate.parse(v.get("birthDate").trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new cn.healthcard.common.DomainValidationException("changes",
                        "变更后的「出生日期」应为日期 (yyyy-MM-dd)");
            }
        }
        byte[] photo = photos.findById(r.id()).map(ResidentPhoto::data).orElse(null);
        return new ResidentData(r.documentType(), r.documentNumber(), v.getOrDefault("name", r.name()),
                v.getOrDefault("sex", r.sex()), v.getOrDefault("ethnicity", r.ethnicity()), birthDate,
                v.getOrDefault("phone", r.phone()), v.getOrDefault("address", r.address()),
                v.getOrDefault("bloodTypeAbo", r.bloodTypeAbo()), v.getOrDefault("bloodTypeRh", r.bloodTypeRh()),
                v.getOrDefault("medicalAlerts", r.medicalAlerts()), photo);
    }

    /** The current value of each card-data field, for the 原内容 column of the change table; audited. */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','SYSTEM')")
    public java.util.Map<String, String> currentValues(String residentId, String purpose) {
        ResidentData d = details(residentId, purpose);
        java.util.Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put("name", d.name());
        v.put("sex", d.sex());
        v.put("ethnicity", d.ethnicity());
        v.put("birthDate", d.birthDate().toString());
        v.put("phone", d.phone());
        v.put("address", d.address());
        v.put("bloodTypeAbo", d.bloodTypeAbo());
        v.put("bloodTypeRh", d.bloodTypeRh());
        v.put("medicalAlerts", d.medicalAlerts() == null ? "" : d.medicalAlerts());
        return v;
    }

    /** Finds the resident holding a document, without revealing anything. */
    @Transactional(readOnly = true)
    public Optional<String> findByDocument(String documentType, String documentNumber) {
        return residents.findByDocumentIndex(documentIndex(documentType, documentNumber)).map(Resident::id);
    }

    /**
     * The e-card ID (电子健康卡ID, EHC-02) of the resident's document under a master index, with the current
     * application-data-read key of the resident's province: computed here, by the crypto device, so that the document
     * number never leaves this module in plaintext (the e-card module links residents through keyed indexes only).
     * Not a read of personal data by a person, so not audited as one.
     *
     * @return empty when the document number is not printable ASCII (e.g. full-width brackets of an 其他证件), which
     * the algorithm cannot take
     * @throws cn.healthcard.crypto.EhcKeysMissingException if the province has no e-card key yet
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SYSTEM')")
    public Optional<EhcIdAlgorithm.EhcId> ehcId(String residentId, String masterIndexId) {
        Resident r = load(residentId);
        if (!r.documentNumber().matches("[\\x21-\\x7E]{1,64}")) {
            return Optional.empty();
        }
        return Optional.of(ehcIds.ehcId(r.regionCode(), masterIndexId, r.documentType(), r.documentNumber()));
    }

    /**
     * Whether the full name is the resident's (compared by keyed index, nothing decrypted): an app's real-name check of
     * a resident who asks for their own data (INT-05) must name the person the document belongs to.
     */
    @Transactional(readOnly = true)
    public boolean nameMatches(String residentId, String name) {
        return name != null && !name.isBlank() && load(residentId).nameIndex().equals(nameIndex(name));
    }

    /** The keyed index of the resident's document. */
    @Transactional(readOnly = true)
    public String documentIndexOf(String residentId) {
        return load(residentId).documentIndex();
    }

    /**
     * Keyed name and document indexes of the resident, space-separated, for filters that must find a resident by
     * name or document number without storing either in plaintext (e.g. the task inbox).
     */
    @Transactional(readOnly = true)
    public String searchKeys(String residentId) {
        Resident r = load(residentId);
        return r.nameIndex() + " " + r.documentIndex();
    }

    /** The keyed index a search text stands for: a resident ID number, or else a full name. */
    public String searchKeyFor(String query) {
        String q = query.trim();
        if (q.matches("\\d{17}[\\dXx]")) {
            return documentIndex("01", q);
        }
        return nameIndex(q);
    }

    /** Masked view, safe for any screen that handles the case. */
    @Transactional(readOnly = true)
    public ResidentSummary summary(String residentId) {
        return summary(load(residentId));
    }

    /**
     * Masked views of several residents at once, by id (for lists: one read instead of one per row); ids without a
     * resident are left out.
     */
    @Transactional(readOnly = true)
    public java.util.Map<String, ResidentSummary> summaries(java.util.Collection<String> residentIds) {
        java.util.Map<String, ResidentSummary> found = new java.util.HashMap<>();
        residents.findAllById(new java.util.HashSet<>(residentIds)).forEach(r -> found.put(r.id(), summary(r)));
        return found;
    }

    /** Plaintext card data for a person whose work needs it; the read is audited with its purpose. */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','SYSTEM')")
    public ResidentData details(String residentId, String purpose) {
        Resident r = load(residentId);
        checkRegion(r);
        events.publishEvent(new PersonalDataRead(r.id(), r.regionCode(), purpose));
        byte[] photo = photos.findById(r.id()).map(ResidentPhoto::data).orElse(null);
        return new ResidentData(r.documentType(), r.documentNumber(), r.name(), r.sex(), r.ethnicity(),
                r.birthDate(), r.phone(), r.address(), r.bloodTypeAbo(), r.bloodTypeRh(), r.medicalAlerts(), photo);
    }

    /** The photo alone (e.g. for the review screen); audited like {@link #details}. */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','SYSTEM')")
    public Optional<byte[]> photo(String residentId, String purpose) {
        Resident r = load(residentId);
        checkRegion(r);
        events.publishEvent(new PersonalDataRead(r.id(), r.regionCode(), purpose + " (photo)"));
        return photos.findById(r.id()).map(ResidentPhoto::data);
    }

    private void checkRegion(Resident r) {
        SecurityContextUsers.current().ifPresent(u -> {
            if (!u.canSee(r.regionCode())) {
                throw new AccessDeniedException("resident outside the user's region");
            }
        });
    }

    private Resident load(String residentId) {
        return residents.findById(residentId).orElseThrow(() -> new NotFoundException("居民不存在"));
    }

    private static ResidentSummary summary(Resident r) {
        return new ResidentSummary(r.id(), r.documentType(), Masking.documentNumber(r.documentNumber()),
                Masking.name(r.name()), r.sex(), r.birthDate(), r.regionCode());
    }

    private static String normalise(String documentNumber) {
        return documentNumber.trim().toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
