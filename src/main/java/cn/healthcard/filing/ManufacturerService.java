package cn.healthcard.filing;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.filing.FilingEvents.ManufacturerRegistered;
import cn.healthcard.filing.internal.Manufacturer;
import cn.healthcard.filing.internal.ManufacturerRepository;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;

/** Manufacturers (生产单位) that file products, recorded by the national centre (FIL-01, FIL-02). */
@Service
public class ManufacturerService {

    private final ManufacturerRepository manufacturers;
    private final FilingAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ManufacturerService(ManufacturerRepository manufacturers, FilingAccess access, ApplicationEventPublisher events,
                        Clock clock) {
        this.manufacturers = manufacturers;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records a manufacturer: national centre only (403); 400 naming the field; 409 {@code MANUFACTURER_EXISTS} for a
     * known credit code, 409 {@code CLIENT_BOUND} when the client already speaks for another manufacturer.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','ADMIN')")
    public ManufacturerView register(ManufacturerRegistration m) {
        access.requireNationalPerson("登记生产单位");
        FilingRules.checkManufacturer(m);
        String code = m.creditCode().strip();
        if (manufacturers.existsByCreditCode(code)) {
            throw new ConflictException("MANUFACTURER_EXISTS", "统一社会信用代码 " + code + " 已登记");
        }
        String client = FilingRules.trimmed(m.apiClientId());
        if (client != null && manufacturers.findByApiClientId(client).isPresent()) {
            throw new ConflictException("CLIENT_BOUND", "接入客户端 " + client + " 已绑定其他生产单位");
        }
        Manufacturer saved;
        try {
            saved = manufacturers.saveAndFlush(new Manufacturer(m.name().strip(), code,
                    EnumSet.copyOf(m.providerTypes()), m.contactName().strip(), m.contactPhone().strip(), client,
                    SecurityContextUsers.actor(), clock.instant()));
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("MANUFACTURER_EXISTS", "统一社会信用代码或接入客户端已登记");
        }
        events.publishEvent(new ManufacturerRegistered(saved.id(), saved.name(), saved.creditCode(), client));
        return view(saved);
    }

    /** All manufacturers for persons (the catalogue names them); a client sees its own only. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<ManufacturerView> list() {
        var own = access.clientManufacturer(SecurityContextUsers.require());
        if (own.isPresent()) {
            return List.of(view(own.get()));
        }
        return manufacturers.findAllByOrderByNameAsc().stream().map(ManufacturerService::view).toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public ManufacturerView get(String id) {
        var own = access.clientManufacturer(SecurityContextUsers.require());
        return manufacturers.findById(id == null ? "" : id)
                .filter(m -> own.isEmpty() || own.get().id().equals(m.id()))
                .map(ManufacturerService::view)
                .orElseThrow(() -> new NotFoundException("生产单位不存在: " + id));
    }

    static ManufacturerView view(Manufacturer m) {
        return new ManufacturerView(m.id(), m.name(), m.creditCode(), m.providerTypes(), m.contactName(),
                m.contactPhone(), m.apiClientId(), m.createdAt());
    }
}
