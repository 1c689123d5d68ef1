package cn.healthcard.gateway;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.gateway.AppAuthorizationService.AppCredentials;
import cn.healthcard.gateway.GatewayEvents.GatewayRequestRefused;
import cn.healthcard.gateway.GatewayEvents.GatewayRequestServed;
import cn.healthcard.gateway.GatewayRefusal.Code;
import cn.healthcard.gateway.internal.GatewayEnvelopes;
import cn.healthcard.gateway.internal.GatewayNonces;
import cn.healthcard.ehc.DocumentRef;
import cn.healthcard.ehc.EhcAccountService;
import cn.healthcard.ehc.EhcAccountView;
import cn.healthcard.ehc.EhcChannel;
import cn.healthcard.ehc.EhcRegistration;
import cn.healthcard.ehc.EhcRegistrationResult;
import cn.healthcard.ehc.EhcVerificationService;
import cn.healthcard.ehc.QrCode;
import cn.healthcard.ehc.Scene;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.ehc.VerificationRequest;
import cn.healthcard.ehc.VerificationResult;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The e-card gateway (电子健康卡SDK接口, 003 §3.9, EHC-06): one entrance for authorised apps, each request a signed
 * envelope (decision 015). In this order: the envelope is complete and well-formed (ENVELOPE_INVALID); the app is
 * registered (APP_UNKNOWN); the signature is the app's current secret's (SIGNATURE_INVALID); the app is active
 * (APP_DISABLED); the timestamp lies within the window (TIMESTAMP_OUT_OF_WINDOW); the app is authorised for an SDK
 * (APP_NOT_AUTHORISED_FOR_SDK) that offers the method (APP_NOT_AUTHORISED_FOR_METHOD); the body decrypts to a JSON
 * object (BODY_UNDECRYPTABLE); a verification names a registered, active terminal of the app's institution
 * (TERMINAL_UNREGISTERED). Then, in one transaction, the nonce is used up (NONCE_REUSED) and the method runs as the
 * app ({@link Role#APP}) through the services' public APIs. Every request is audited, served or refused; a refused
 * request changes nothing (not even the nonce table). Answers are signed with the same secret, SM4-encrypted when the
 * request was.
 */
@Service
public class AppGateway {

    public static final String VERSION = "1.0";
    public static final Set<String> PARAMETERS = Set.of("app_id", "term_id", "method", "timestamp", "nonce", "version",
            "enc_type", "biz_content", "sign_type", "sign");
    private static final Pattern APP_ID = Pattern.compile("^[A-Za-z0-9]{1,32}$");
    private static final Pattern NONCE = Pattern.compile("^[A-Za-z0-9_\\-]{8,64}$");
    private static final Pattern TERM_ID = Pattern.compile("^[A-Za-z0-9._\\-]{1,64}$");
    private static final Pattern SIGN = Pattern.compile("^[0-9A-Fa-f]{64}$");
    private static final int MAX_BODY = 64 * 1024;
    /** Methods whose body names a person: only SM4-encrypted bodies are accepted. */
    private static final Set<GatewayMethod> PERSONAL = EnumSet.of(GatewayMethod.REGISTER, GatewayMethod.QR_CODE,
            GatewayMethod.PERSONAL_QUERY);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppAuthorizationService authorizations;
    private final EhcAccountService accounts;
    private final EhcVerificationService verifications;
    private final PersonalQueryService personalQuery;
    private final TerminalService terminals;
    private final GatewayNonces nonces;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate work;
    private final TransactionTemplate audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration window;

    AppGateway(AppAuthorizationService authorizations, EhcAccountService accounts,
               EhcVerificationService verifications, PersonalQueryService personalQuery, TerminalService terminals,
               GatewayNonces nonces, ApplicationEventPublisher events, PlatformTransactionManager transactions,
               ObjectMapper json, Clock clock,
               @Value("${healthcard.ehc.gateway.timestamp-window:PT5M}") Duration window) {
        this.authorizations = authorizations;
        this.accounts = accounts;
        this.verifications = verifications;
        this.personalQuery = personalQuery;
        this.terminals = terminals;
        this.nonces = nonces;
        this.events = events;
        this.work = new TransactionTemplate(transactions);
        this.audit = new TransactionTemplate(transactions);
        this.audit.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.clock = clock;
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("healthcard.ehc.gateway.timestamp-window must be positive and at most "
                    + "an hour, not " + window);
        }
        this.window = window;
    }

    /** The accepted distance between a request's timestamp and the server's clock, either way. */
    public Duration window() {
        return window;
    }

    /**
     * Serves one signed request.
     *
     * @return the signed answer's parameters ({@code code=SUCCESS}, ..., {@code biz_content}, {@code sign})
     * @throws GatewayRefusal            the envelope or the app is refused (audited)
     * @throws DomainValidationException the body's data is wrong (audited, as are the following)
     * @throws NotFoundException         e.g. no such person for a personal query
     * @throws ConflictException         e.g. BLACKLISTED, EHC_FROZEN
     */
    public Map<String, String> handle(Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        String claimedApp = p.get("app_id");
        Optional<AppCredentials> app = Optional.empty();
        try {
            Envelope envelope = Envelope.parse(p);
            app = authorizations.credentials(envelope.appId());
            AppCredentials caller = app.orElseThrow(() -> new GatewayRefusal(Code.APP_UNKNOWN));
            String secret = caller.secret().filter(s -> GatewayEnvelopes.verify(p, s))
                    .orElseThrow(() -> new GatewayRefusal(Code.SIGNATURE_INVALID));
            if (caller.state() != AppState.ACTIVE) {
                throw new GatewayRefusal(Code.APP_DISABLED);
            }
            Instant now = clock.instant();
            if (Duration.between(envelope.timestamp(), now).abs().compareTo(window) > 0) {
                throw new GatewayRefusal(Code.TIMESTAMP_OUT_OF_WINDOW);
            }
            if (!caller.authorisedForAnySdk()) {
                throw new GatewayRefusal(Code.APP_NOT_AUTHORISED_FOR_SDK);
            }
            if (!caller.methods().contains(envelope.method())) {
                throw new GatewayRefusal(Code.APP_NOT_AUTHORISED_FOR_METHOD);
            }
            JsonNode biz = body(envelope, secret);
            CurrentUser identity = identity(caller, envelope);
            Served served = SecurityContextUsers.runAsApp(identity, () -> work.execute(status -> {
                if (!nonces.use(caller.appId(), envelope.nonce(), envelope.timestamp().plus(window))) {
                    throw new GatewayRefusal(Code.NONCE_REUSED);
                }
                Served result = dispatch(envelope, biz, caller);
                events.publishEvent(new GatewayRequestServed(caller.appId(), identity.region().value(),
                        envelope.method().code(), envelope.termId(), result.masterIndexId()));
                return result;
            }));
            return reply(envelope, secret, served.body());
        } catch (GatewayRefusal e) {
            refused(claimedApp, app, p, e.code().name());
            throw e;
        } catch (DomainValidationException e) {
            refused(claimedApp, app, p, "INVALID_DATA");
            throw e;
        } catch (NotFoundException e) {
            refused(claimedApp, app, p, "NOT_FOUND");
            throw e;
        } catch (ConflictException e) {
            refused(claimedApp, app, p, e.code());
            throw e;
        } catch (AccessDeniedException e) {
            refused(claimedApp, app, p, "ACCESS_DENIED");
            throw e;
        }
    }

    /** What a method answered, and the master index it concerned (for the audit entry). */
    private record Served(Object body, String masterIndexId) {
    }

    private Served dispatch(Envelope envelope, JsonNode biz, AppCredentials app) {
        return switch (envelope.method()) {
            case REGISTER -> {
                EhcRegistrationResult r = accounts.register(new EhcRegistration(document(biz), text(biz, "name"),
                        text(biz, "sex"), date(biz, "birth_date"), null, EhcChannel.APP, app.appId()));
                EhcAccountView a = r.account();
                yield new Served(new RegisterReply(a.ehcId(), a.masterIndexId(), a.status().name(), a.documentType(),
                        a.documentNumberMasked(), a.nameMasked(), r.created()), a.masterIndexId());
            }
            case QR_CODE -> {
                QrCode code = personalQuery.qrCode(document(biz), text(biz, "name"), qrType(biz));
                yield new Served(new QrReply(code.text(), code.type().name(), code.validUntil(),
                        accounts.png(code)), null);
            }
            case VERIFY -> {
                VerificationResult r = verifications.verify(new VerificationRequest(text(biz, "qr_text"),
                        envelope.termId(), scene(biz)));
                yield new Served(r, r.masterIndexId());
            }
            case PERSONAL_QUERY -> {
                PersonalQueryView view = personalQuery.query(document(biz), text(biz, "name"));
                yield new Served(view, view.masterIndexId());
            }
        };
    }

    record RegisterReply(String ehcId, String masterIndexId, String status, String documentType,
                         String documentNumberMasked, String nameMasked, boolean created) {
    }

    record QrReply(String qrText, String qrType, Instant validUntil, byte[] qrPng) {
    }

    /**
     * The app's identity for the request. A verification runs as the terminal it names, in the terminal's institution
     * and region: the gateway vouches that this terminal is registered, active and the app's institution's.
     */
    private CurrentUser identity(AppCredentials app, Envelope envelope) {
        String username = "app:" + app.appId();
        if (!envelope.method().terminalRequired()) {
            return new CurrentUser(username, app.name(), app.institutionCode(), RegionCode.of(app.regionCode()),
                    Set.of(Role.APP));
        }
        TerminalService.ActiveTerminal terminal = terminals.active(envelope.termId(), app.institutionCode())
                .orElseThrow(() -> new GatewayRefusal(Code.TERMINAL_UNREGISTERED));
        return new CurrentUser(username + "/" + terminal.terminalId(), app.name(), terminal.institutionCode(),
                RegionCode.of(terminal.regionCode()), Set.of(Role.APP));
    }

    private JsonNode body(Envelope envelope, String secret) {
        String text;
        if (envelope.sm4()) {
            try {
                text = GatewayEnvelopes.decryptBody(secret, envelope.bizContent());
            } catch (IllegalArgumentException e) {
                throw new GatewayRefusal(Code.BODY_UNDECRYPTABLE);
            }
        } else {
            text = envelope.bizContent();
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new GatewayRefusal(Code.BODY_UNDECRYPTABLE);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new GatewayRefusal(Code.BODY_UNDECRYPTABLE);
        }
    }

    private Map<String, String> reply(Envelope envelope, String secret, Object body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", "SUCCESS");
        answer.put("app_id", envelope.appId());
        answer.put("method", envelope.method().code());
        answer.put("timestamp", String.valueOf(clock.millis()));
        answer.put("nonce", envelope.nonce());
        answer.put("version", VERSION);
        answer.put("enc_type", envelope.sm4() ? "SM4" : "PLAIN");
        answer.put("sign_type", "SM3");
        if (envelope.sm4()) {
            byte[] iv = new byte[16];
            RANDOM.nextBytes(iv);
            text = GatewayEnvelopes.encryptBody(secret, iv, text);
        }
        answer.put("biz_content", text);
        answer.put(GatewayEnvelopes.SIGN, GatewayEnvelopes.sign(answer, secret));
        return answer;
    }

    /** Audits a refusal in a transaction of its own, as the app it claims to be. */
    private void refused(String claimedApp, Optional<AppCredentials> app, Map<String, String> p, String code) {
        String appId = app.map(AppCredentials::appId).orElseGet(() -> printable(claimedApp, 32));
        String region = app.map(AppCredentials::regionCode).orElse(null);
        String method = p.get("method") == null ? null : printable(p.get("method"), 40);
        String termId = Optional.ofNullable(p.get("term_id")).filter(t -> TERM_ID.matcher(t).matches()).orElse(null);
        CurrentUser identity = new CurrentUser("app:" + appId, app.map(AppCredentials::name).orElse("未登记应用"),
                app.map(AppCredentials::institutionCode).orElse(null),
                region == null ? RegionCode.NATIONAL : RegionCode.of(region), Set.of(Role.APP));
        SecurityContextUsers.runAsApp(identity, () -> audit.execute(status -> {
            events.publishEvent(new GatewayRequestRefused(appId, region, method, termId, code));
            return null;
        }));
    }

    /** A claimed value fit for the audit log: printable ASCII (others as {@code ?}), cut to {@code max}. */
    private static String printable(String value, int max) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        String clean = value.replaceAll("[^\\x21-\\x7E]", "?");
        return clean.length() > max ? clean.substring(0, max) : clean;
    }

    private static DocumentRef document(JsonNode biz) {
        return new DocumentRef(text(biz, "document_type"), text(biz, "document_number"));
    }

    private static String text(JsonNode biz, String field) {
        JsonNode node = biz.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static LocalDate date(JsonNode biz, String field) {
        String value = text(biz, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new DomainValidationException(field, "「" + field + "」应为日期 (yyyy-MM-dd)");
        }
    }

    private static QrCode.Type qrType(JsonNode biz) {
        String value = Optional.ofNullable(text(biz, "qr_type")).orElse("STATIC").trim().toUpperCase(Locale.ROOT);
        try {
            return QrCode.Type.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new DomainValidationException("qr_type", "「qr_type」应为 STATIC 或 DYNAMIC");
        }
    }

    private static Scene scene(JsonNode biz) {
        String value = text(biz, "scene");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Scene.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainValidationException("scene", "「scene」应为 " + java.util.Arrays.toString(Scene.values()));
        }
    }

    /** The envelope's parameters, checked for presence and form (ENVELOPE_INVALID names each bad one). */
    private record Envelope(String appId, String termId, GatewayMethod method, Instant timestamp, String nonce,
                            boolean sm4, String bizContent) {

        static Envelope parse(Map<String, String> p) {
            Map<String, String> bad = new LinkedHashMap<>();
            p.keySet().stream().filter(k -> !PARAMETERS.contains(k)).sorted()
                    .forEach(k -> bad.put(k, "未知参数"));
            String appId = required(p, "app_id", APP_ID, bad);
            String termId = p.get("term_id");
            if (termId != null && !termId.isEmpty() && !TERM_ID.matcher(termId).matches()) {
                bad.put("term_id", "应为1–64位字母、数字、点、下划线或连字符");
            }
            GatewayMethod method = null;
            String methodCode = p.get("method");
            if (methodCode == null || methodCode.isEmpty()) {
                bad.put("method", "缺少参数");
            } else {
                method = GatewayMethod.ofCode(methodCode).orElse(null);
                if (method == null) {
                    bad.put("method", "未知接口");
                }
            }
            Instant timestamp = null;
            String ts = required(p, "timestamp", Pattern.compile("^\\d{10,15}$"), bad);
            if (ts != null) {
                timestamp = Instant.ofEpochMilli(Long.parseLong(ts));
            }
            String nonce = required(p, "nonce", NONCE, bad);
            if (!VERSION.equals(p.get("version"))) {
                bad.put("version", "应为 " + VERSION);
            }
            String encType = p.get("enc_type");
            if (!"PLAIN".equals(encType) && !"SM4".equals(encType)) {
                bad.put("enc_type", "应为 PLAIN 或 SM4");
            } else if (method != null && PERSONAL.contains(method) && !"SM4".equals(encType)) {
                bad.put("enc_type", "含个人信息的接口须为 SM4");
            }
            String body = p.get("biz_content");
            if (body == null || body.isEmpty()) {
                bad.put("biz_content", "缺少参数");
            } else if (body.length() > MAX_BODY) {
                bad.put("biz_content", "最长 " + MAX_BODY + " 个字符");
            }
            if (!"SM3".equals(p.get("sign_type"))) {
                bad.put("sign_type", "应为 SM3");
            }
            required(p, "sign", SIGN, bad);
            if (!bad.isEmpty()) {
                throw new GatewayRefusal(Code.ENVELOPE_INVALID, bad);
            }
            return new Envelope(appId, termId == null || termId.isEmpty() ? null : termId, method, timestamp, nonce,
                    "SM4".equals(encType), body);
        }

        private static String required(Map<String, String> p, String name, Pattern form, Map<String, String> bad) {
            String value = p.get(name);
            if (value == null || value.isEmpty()) {
                bad.put(name, "缺少参数");
                return null;
            }
            if (!form.matcher(value).matches()) {
                bad.put(name, "格式不正确");
                return null;
            }
            return value;
        }
    }
}
