package cn.healthcard.filing;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.filing.FilingEvents.ManufacturerRegistered;
import cn.healthcard.filing.internal.Manufacturer;
import cn.healthcard.filing.internal.ManufacturerRepository;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.ApiScope;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
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
    private final ObjectProvider<RegisteredClientRepository> clients;

    /**
     * {@code clients}: the authorization server's view of the API clients (enabled ones, with their scopes; decision
     * 020), through Spring Security's own interface — absent outside a web application, where nothing is bound.
     */
    ManufacturerService(ManufacturerRepository manufacturers, FilingAccess access, ApplicationEventPublisher events,
                        Clock clock, ObjectProvider<RegisteredClientRepository> clients) {
        this.manufacturers = manufacturers;
        this.access = access;
        this.events = events;
        this.clock = clock;
        this.clients = clients;
    }

    /**
     * Records a manufacturer: national centre only (403); 400 naming the field; 409 {@code MANUFACTURER_EXISTS} for a
     * known credit code, 409 {@code CLIENT_BOUND} when the client already speaks for another manufacturer; 400 on
     * {@code apiClientId} unless it names an enabled API client with the scope {@code filing} (never a person).
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
        if (client != null) {
            requireFilingClient(client);
            if (manufacturers.findByApiClientId(client).isPresent()) {
                throw new ConflictException("CLIENT_BOUND", "接入客户端 " + client + " 已绑定其他生产单位");
            }
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

    /**
     * The manufacturers with their contacts: all for persons of the national centre; its own for a bound client
     * (nothing for an unbound one); 403 for anyone else (provincial and city centres see manufacturers' names in the
     * catalogue only).
     */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<ManufacturerView> list() {
        if (FilingAccess.machine()) {
            return access.clientManufacturer(SecurityContextUsers.require()).map(ManufacturerService::view)
                    .stream().toList();
        }
        access.requireNationalPerson("查看生产单位及其联系人");
        return manufacturers.findAllByOrderByNameAsc().stream().map(ManufacturerService::view).toList();
    }

    /** One manufacturer, by the rules of {@link #list()}: another's (for a client) 404, other persons 403. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public ManufacturerView get(String id) {
        if (!FilingAccess.machine()) {
            access.requireNationalPerson("查看生产单位及其联系人");
        }
        var own = access.clientManufacturer(SecurityContextUsers.require());
        return manufacturers.findById(id == null ? "" : id)
                .filter(m -> !FilingAccess.machine() || own.map(o -> o.id().equals(m.id())).orElse(false))
                .map(ManufacturerService::view)
                .orElseThrow(() -> new NotFoundException("生产单位不存在: " + id));
    }

    /** 400 on {@code apiClientId} unless it is an enabled API client with the scope {@code filing}. */
    private void requireFilingClient(String clientId) {
        RegisteredClientRepository registered = clients.getIfAvailable();
        RegisteredClient c = registered == null ? null : registered.findByClientId(clientId);
        if (c == null || !c.getScopes().contains(ApiScope.FILING.value())) {
            throw new DomainValidationException("apiClientId", "「接入客户端」" + clientId
                    + " 不是已启用且具有备案接口范围（filing）的接入客户端");
        }
    }

    static ManufacturerView view(Manufacturer m) {
        return new ManufacturerView(m.id(), m.name(), m.creditCode(), m.providerTypes(), m.contactName(),
                m.contactPhone(), m.apiClientId(), m.createdAt());
    }
}
