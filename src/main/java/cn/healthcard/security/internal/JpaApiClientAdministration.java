package cn.healthcard.security.internal;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.security.ApiClientChanged;
import cn.healthcard.security.ApiScope;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

@Service
class JpaApiClientAdministration implements ApiClientAdministration {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiClientRepository clients;
    private final UserAccountRepository users;
    private final InstitutionService institutions;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ClientStatusCache statuses;

    JpaApiClientAdministration(ApiClientRepository clients, UserAccountRepository users,
                               InstitutionService institutions, PasswordEncoder encoder,
                               ApplicationEventPublisher events, Clock clock, ClientStatusCache statuses) {
        this.statuses = statuses;
        this.clients = clients;
        this.users = users;
        this.institutions = institutions;
        this.encoder = encoder;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public IssuedClientSecret register(String clientId, String name, String institutionCode, Set<String> scopes) {
        List<FieldViolation> violations = new ArrayList<>();
        String id = clientId == null ? "" : clientId.trim();
        if (!id.matches("[a-zA-Z0-9]{3,64}")) {
            // letters and digits as usernames (the client id is the actor of its audit entries and process steps)
            violations.add(new FieldViolation("clientId", "「客户端标识」为3至64位字母或数字"));
        }
        String title = name == null ? "" : name.trim();
        if (title.isEmpty() || title.length() > 100) {
            violations.add(new FieldViolation("name", "「名称」必填，至多100字"));
        }
        Set<String> granted = scopes == null ? Set.of() : new TreeSet<>(scopes);
        if (granted.isEmpty() || !granted.stream().allMatch(s -> ApiScope.of(s).isPresent())) {
            violations.add(new FieldViolation("scopes", "「接口范围」至少一项，取值 " + java.util.Arrays.stream(
                    ApiScope.values()).map(ApiScope::value).toList()));
        }
        if (institutionCode == null || institutionCode.isBlank()) {
            violations.add(new FieldViolation("institutionCode", "「机构」必填"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        Institution institution = visibleInstitution(institutionCode.trim());
        if (clients.existsById(id) || users.existsById(id)) {
            // one namespace with the users: an audit entry's actor names one of them
            throw new ConflictException("CLIENT_EXISTS", "客户端标识已被使用: " + id);
        }
        String secret = newSecret();
        ApiClient client = clients.save(new ApiClient(id, title, encoder.encode(secret), granted, institution.code(),
                false, clock.instant(), SecurityContextUsers.actor()));
        events.publishEvent(new ApiClientChanged(id, institution.region().value(),
                "登记接口客户端 " + title + " 机构 " + institution.code() + " 范围 " + String.join(" ", granted)));
        return new IssuedClientSecret(view(client, institution), secret);
    }

    @Override
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<ApiClientView> clients() {
        CurrentUser me = SecurityContextUsers.require();
        return clients.findAll().stream().map(c -> view(c, institutions.get(c.institutionCode())))
                .filter(v -> me.canSee(v.regionCode()))
                .sorted(Comparator.comparing(ApiClientView::clientId)).toList();
    }

    @Override
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public ApiClientView client(String clientId) {
        ApiClient client = visible(clientId);
        return view(client, institutions.get(client.institutionCode()));
    }

    @Override
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ApiClientView setEnabled(String clientId, boolean enabled) {
        ApiClient client = visible(clientId);
        Institution institution = institutions.get(client.institutionCode());
        if (client.enabled() != enabled) {
            client.setEnabled(enabled, clock.instant());
            statuses.evict(client.clientId());
            events.publishEvent(new ApiClientChanged(client.clientId(), institution.region().value(),
                    enabled ? "启用接口客户端" : "停用接口客户端"));
        }
        return view(client, institution);
    }

    @Override
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public IssuedClientSecret rotateSecret(String clientId) {
        ApiClient client = visible(clientId);
        Institution institution = institutions.get(client.institutionCode());
        String secret = newSecret();
        client.newSecret(encoder.encode(secret), clock.instant());
        events.publishEvent(new ApiClientChanged(client.clientId(), institution.region().value(), "更换客户端密钥"));
        return new IssuedClientSecret(view(client, institution), secret);
    }

    @Override
    @Transactional
    public void createIfAbsent(String clientId, String rawSecret, String name, String institutionCode,
                               Set<String> scopes, boolean demo) {
        if (clients.existsById(clientId)) {
            return;
        }
        Institution institution = institutions.get(institutionCode);
        clients.save(new ApiClient(clientId, name, encoder.encode(rawSecret), scopes, institutionCode, demo,
                clock.instant(), SecurityContextUsers.actor()));
        events.publishEvent(new ApiClientChanged(clientId, institution.region().value(),
                "登记接口客户端 " + name + (demo ? " (演示)" : "") + " 范围 " + String.join(" ", new TreeSet<>(scopes))));
    }

    private ApiClient visible(String clientId) {
        CurrentUser me = SecurityContextUsers.require();
        return clients.findById(clientId == null ? "" : clientId.trim())
                .filter(c -> me.canSee(institutions.get(c.institutionCode()).region().value()))
                .orElseThrow(() -> new NotFoundException("接口客户端不存在: " + clientId));
    }

    private Institution visibleInstitution(String code) {
        Institution institution = institutions.get(code);
        if (!SecurityContextUsers.require().region().covers(institution.region())) {
            throw new NotFoundException("机构不存在: " + code);
        }
        return institution;
    }

    static ApiClientView view(ApiClient client, Institution institution) {
        return new ApiClientView(client.clientId(), client.name(), client.institutionCode(),
                institution.region().value(), client.scopes(), ApiScope.roles(client.scopes()), client.enabled(),
                client.createdAt(), client.createdBy(), client.secretChangedAt());
    }

    /** 32 random bytes, URL-safe Base64 without padding (43 characters). */
    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
