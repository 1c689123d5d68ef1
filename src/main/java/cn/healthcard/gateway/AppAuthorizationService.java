package cn.healthcard.gateway;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.gateway.GatewayEvents.EhcAppChanged;
import cn.healthcard.gateway.GatewayEvents.EhcSdkChanged;
import cn.healthcard.gateway.internal.App;
import cn.healthcard.gateway.internal.AppAuthorization;
import cn.healthcard.gateway.internal.AppAuthorizationRepository;
import cn.healthcard.gateway.internal.AppRepository;
import cn.healthcard.gateway.internal.AppSecrets;
import cn.healthcard.gateway.internal.AuthorizationCodeFile;
import cn.healthcard.gateway.internal.Sdk;
import cn.healthcard.gateway.internal.SdkRepository;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The e-card SDK authorization system (电子健康卡SDK授权管理, 003 §3.10 and §5.4, EHC-06): SDKs registered and published
 * with the gateway methods they offer; apps registered (an app ID is issued); an app authorised for an SDK (and the
 * authorization revoked, the row kept); the app's secret (授权密钥) issued — shown once, kept only sealed by the crypto
 * device, re-issuing rotates it — with the platform-signed authorization-code file (授权码文件). Administrators, within
 * their region; every change audited. The gateway ({@link AppGateway}) reads apps through
 * {@link #credentials(String)}.
 */
@Service
public class AppAuthorizationService {

    private static final Pattern SDK_ID = Pattern.compile("^[A-Za-z0-9._\\-]{2,32}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SdkRepository sdks;
    private final AppRepository apps;
    private final AppAuthorizationRepository authorizations;
    private final AppSecrets secrets;
    private final InstitutionService institutions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AppAuthorizationService(SdkRepository sdks, AppRepository apps, AppAuthorizationRepository authorizations,
                            AppSecrets secrets, InstitutionService institutions, ApplicationEventPublisher events,
                            Clock clock) {
        this.sdks = sdks;
        this.apps = apps;
        this.authorizations = authorizations;
        this.secrets = secrets;
        this.institutions = institutions;
        this.events = events;
        this.clock = clock;
    }

    /** Registers and publishes an SDK offering the given gateway methods, in the administrator's region. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public SdkView registerSdk(String sdkId, String name, String sdkVersion, String developer,
                               Set<GatewayMethod> methods) {
        List<FieldViolation> violations = new ArrayList<>();
        if (sdkId == null || !SDK_ID.matcher(sdkId.trim()).matches()) {
            violations.add(new FieldViolation("sdkId", "「SDK编号」应为2–32位字母、数字、点、下划线或连字符"));
        }
        text("name", "「SDK名称」", name, 100, violations);
        text("sdkVersion", "「SDK版本」", sdkVersion, 32, violations);
        text("developer", "「开发单位」", developer, 100, violations);
        if (methods == null || methods.isEmpty()) {
            violations.add(new FieldViolation("methods", "请选择SDK提供的「接口」"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        String id = sdkId.trim();
        if (sdks.existsById(id)) {
            throw new ConflictException("SDK_EXISTS", "SDK " + id + " 已登记");
        }
        CurrentUser user = SecurityContextUsers.require();
        Sdk sdk = sdks.saveAndFlush(new Sdk(id, name.trim(), sdkVersion.trim(), developer.trim(),
                EnumSet.copyOf(methods), user.region().value(), clock.instant(), user.username()));
        events.publishEvent(new EhcSdkChanged(id, sdk.regionCode(), "登记SDK " + sdkVersion.trim() + " 接口 "
                + methods.stream().map(GatewayMethod::code).sorted().toList()));
        return sdk.toView();
    }

    /** Disables an SDK (no app may call its methods) or enables it again. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public SdkView changeSdkState(String sdkId, AppState state) {
        requireState(state);
        Sdk sdk = visibleSdk(sdkId);
        if (sdk.state() != state) {
            sdk.changeState(state, clock.instant());
            events.publishEvent(new EhcSdkChanged(sdk.sdkId(), sdk.regionCode(), state == AppState.ACTIVE
                    ? "启用SDK" : "停用SDK"));
        }
        return sdk.toView();
    }

    /** Every published SDK, by id: SDKs are products any region's apps may be authorised for. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public List<SdkView> sdks() {
        return sdks.findAll().stream().map(Sdk::toView).sorted(Comparator.comparing(SdkView::sdkId)).toList();
    }

    /**
     * Registers an app and issues its app ID ({@code hc} + 16 hex digits). An institution's app (its terminals'
     * software) names the institution; it then lies in the institution's region, a residents' app in the
     * administrator's. No secret yet: {@link #issueSecret(String)}.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public AppView registerApp(String name, String developer, String institutionCode) {
        List<FieldViolation> violations = new ArrayList<>();
        text("name", "「应用名称」", name, 100, violations);
        text("developer", "「开发单位」", developer, 100, violations);
        CurrentUser user = SecurityContextUsers.require();
        Institution institution = null;
        if (institutionCode != null && !institutionCode.isBlank()) {
            try {
                institution = institutions.get(institutionCode.trim());
                if (institution.kind() == InstitutionKind.CARD_MAKER) {
                    violations.add(new FieldViolation("institutionCode", "制卡机构不能接入电子健康卡应用"));
                } else if (!user.canSee(institution.region().value())) {
                    violations.add(new FieldViolation("institutionCode", "「所属机构」不在您的管辖范围内"));
                }
            } catch (NotFoundException e) {
                violations.add(new FieldViolation("institutionCode", "「所属机构」未登记: " + institutionCode.trim()));
            }
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        String region = institution == null ? user.region().value() : institution.region().value();
        String appId;
        do {
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            appId = "hc" + HexFormat.of().formatHex(random);
        } while (apps.existsById(appId));
        App app = apps.saveAndFlush(new App(appId, name.trim(), developer.trim(),
                institution == null ? null : institution.code(), region, clock.instant(), user.username()));
        events.publishEvent(new EhcAppChanged(appId, region, "登记应用" + (institution == null ? ""
                : " 机构 " + institution.code())));
        return view(app);
    }

    /** Disables an app (its requests are refused with APP_DISABLED) or enables it again. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public AppView changeAppState(String appId, AppState state) {
        requireState(state);
        App app = visibleApp(appId);
        if (app.state() != state) {
            app.changeState(state, clock.instant());
            events.publishEvent(new EhcAppChanged(app.appId(), app.regionCode(), state == AppState.ACTIVE
                    ? "启用应用" : "停用应用"));
        }
        return view(app);
    }

    /** The apps within the caller's region, by name. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public List<AppView> apps() {
        CurrentUser user = SecurityContextUsers.require();
        return apps.findAll().stream().filter(a -> user.canSee(a.regionCode())).map(this::view)
                .sorted(Comparator.comparing(AppView::name).thenComparing(AppView::appId)).toList();
    }

    /** One app within the caller's region. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public AppView app(String appId) {
        return view(visibleApp(appId));
    }

    /**
     * Issues a new secret (授权密钥) to the app — the first, or a rotation that ends the old one at once — and the
     * authorization-code file (授权码文件) with it. The answer is the only place the secret is ever shown; the audit
     * entry names its version only.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public IssuedSecret issueSecret(String appId) {
        App app = visibleApp(appId);
        String secret = secrets.newSecret();
        int version = app.secretVersion() + 1;
        AppSecrets.Sealed sealed = secrets.seal(app.appId(), version, secret);
        Instant now = clock.instant();
        app.newSecret(sealed.sealed(), sealed.keyVersion(), version, now, SecurityContextUsers.actor());
        apps.saveAndFlush(app);
        List<AuthorizationCodeFile.Grant> grants = activeGrants(app.appId()).stream()
                .map(s -> new AuthorizationCodeFile.Grant(s.sdkId(), s.methods())).toList();
        byte[] file = AuthorizationCodeFile.write(new AuthorizationCodeFile.Content(app.appId(), app.name(),
                app.institutionCode(), secret, version, grants, now), secrets);
        events.publishEvent(new EhcAppChanged(app.appId(), app.regionCode(), "签发授权密钥 v" + version
                + (version > 1 ? "（轮换，旧密钥作废）" : "")));
        return new IssuedSecret(app.appId(), secret, version, now, file);
    }

    /** Authorises the app for an active SDK: it may call the SDK's methods from now on. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public AppView authorize(String appId, String sdkId) {
        App app = visibleApp(appId);
        Sdk sdk = sdks.findById(sdkId == null ? "" : sdkId.trim())
                .orElseThrow(() -> new NotFoundException("SDK不存在: " + sdkId));
        if (sdk.state() != AppState.ACTIVE) {
            throw new ConflictException("SDK_DISABLED", "SDK " + sdk.sdkId() + " 已停用，不能授权");
        }
        if (authorizations.findByAppIdOrderByGrantedAtDescIdDesc(app.appId()).stream()
                .anyMatch(a -> a.active() && a.sdkId().equals(sdk.sdkId()))) {
            throw new ConflictException("ALREADY_AUTHORISED", "应用 " + app.appId() + " 已获 SDK " + sdk.sdkId()
                    + " 授权");
        }
        Instant now = clock.instant();
        app.touch(now);
        apps.saveAndFlush(app); // the row's version: two admins authorising at once cannot both pass the check
        authorizations.saveAndFlush(new AppAuthorization(app.appId(), sdk.sdkId(), now,
                SecurityContextUsers.actor()));
        events.publishEvent(new EhcAppChanged(app.appId(), app.regionCode(), "授权 SDK " + sdk.sdkId()));
        return view(app);
    }

    /** Revokes the app's active authorization for the SDK (kept with who, when and why). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public AppView revoke(String appId, String sdkId, String reason) {
        if (reason == null || reason.isBlank() || reason.trim().length() > 200) {
            throw new DomainValidationException("reason", "请填写「撤销原因」（最多200个字符）");
        }
        App app = visibleApp(appId);
        AppAuthorization active = authorizations.findByAppIdOrderByGrantedAtDescIdDesc(app.appId()).stream()
                .filter(a -> a.active() && a.sdkId().equals(sdkId == null ? "" : sdkId.trim())).findFirst()
                .orElseThrow(() -> new NotFoundException("应用 " + app.appId() + " 没有 SDK " + sdkId + " 的有效授权"));
        Instant now = clock.instant();
        app.touch(now);
        active.revoke(now, SecurityContextUsers.actor(), reason.trim());
        apps.saveAndFlush(app);
        events.publishEvent(new EhcAppChanged(app.appId(), app.regionCode(), "撤销 SDK " + active.sdkId()
                + " 授权: " + reason.trim()));
        return view(app);
    }

    /** The platform's SM2 public key (hex, {@code 04 || x || y}) that verifies authorization-code files. */
    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    public String platformPublicKey() {
        return HexFormat.of().withUpperCase().formatHex(secrets.platformPublicKey());
    }

    /**
     * What the gateway needs of an app, read for one request: state, region, institution, the opened secret (empty
     * while none was issued) and the methods its active authorizations for active SDKs allow. No role check: the
     * gateway calls it before anyone is authenticated, and nothing of it leaves the module.
     */
    @Transactional(readOnly = true)
    Optional<AppCredentials> credentials(String appId) {
        return apps.findById(appId).map(app -> {
            List<Sdk> granted = activeGrants(app.appId());
            Set<GatewayMethod> methods = EnumSet.noneOf(GatewayMethod.class);
            granted.stream().filter(s -> s.state() == AppState.ACTIVE).forEach(s -> methods.addAll(s.methods()));
            Optional<String> secret = app.secretSealed() == null ? Optional.empty()
                    : Optional.of(secrets.open(app.appId(), app.secretVersion(),
                    new AppSecrets.Sealed(app.secretSealed(), app.secretKeyVersion())));
            return new AppCredentials(app.appId(), app.name(), app.institutionCode(), app.regionCode(), app.state(),
                    secret, !granted.isEmpty(), methods);
        });
    }

    /** An app as the gateway sees it; {@code toString} hides the secret. */
    record AppCredentials(String appId, String name, String institutionCode, String regionCode, AppState state,
                          Optional<String> secret, boolean authorisedForAnySdk, Set<GatewayMethod> methods) {
        @Override
        public String toString() {
            return "AppCredentials[" + appId + ", secret hidden]";
        }
    }

    private List<Sdk> activeGrants(String appId) {
        return authorizations.findByAppIdOrderByGrantedAtDescIdDesc(appId).stream().filter(AppAuthorization::active)
                .map(a -> sdks.findById(a.sdkId()).orElseThrow()).toList();
    }

    private AppView view(App app) {
        return app.toView(authorizations.findByAppIdOrderByGrantedAtDescIdDesc(app.appId()).stream()
                .map(AppAuthorization::toView).toList());
    }

    private App visibleApp(String appId) {
        CurrentUser user = SecurityContextUsers.require();
        return apps.findById(appId == null ? "" : appId.trim()).filter(a -> user.canSee(a.regionCode()))
                .orElseThrow(() -> new NotFoundException("应用不存在: " + appId));
    }

    /** An SDK the caller may change: registered within their region. */
    private Sdk visibleSdk(String sdkId) {
        CurrentUser user = SecurityContextUsers.require();
        return sdks.findById(sdkId == null ? "" : sdkId.trim()).filter(s -> user.canSee(s.regionCode()))
                .orElseThrow(() -> new NotFoundException("SDK不存在: " + sdkId));
    }

    private static void requireState(AppState state) {
        if (state == null) {
            throw new DomainValidationException("state", "「状态」应为 ACTIVE 或 DISABLED");
        }
    }

    private static void text(String field, String label, String value, int max, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation(field, "请填写" + label));
        } else if (value.trim().length() > max) {
            violations.add(new FieldViolation(field, label + "最多" + max + "个字符"));
        }
    }
}
