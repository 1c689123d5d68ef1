package cn.healthcard.security.internal;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAccountChanged;
import cn.healthcard.security.UserChangeDecided;
import cn.healthcard.security.UserChangeRequested;
import cn.healthcard.security.UserManagement;
import cn.healthcard.security.UserPasswordChanged;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * User administration (SEC-01, docs/decisions/024-user-administration.md): ADMIN only, within the admin's region; the
 * two-person rule as a table of pending changes that a second admin approves or rejects.
 */
@Service
class JpaUserManagement implements UserManagement {

    static final int MAX_DISPLAY_NAME = 100;
    static final int MAX_REASON = 500;

    private final UserAccountRepository users;
    private final ApiClientRepository clients;
    private final PendingUserChangeRepository pending;
    private final InstitutionService institutions;
    private final Passwords passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectMapper json;

    JpaUserManagement(UserAccountRepository users, ApiClientRepository clients, PendingUserChangeRepository pending,
                      InstitutionService institutions, Passwords passwords, ApplicationEventPublisher events,
                      Clock clock, ObjectMapper json) {
        this.users = users;
        this.clients = clients;
        this.pending = pending;
        this.institutions = institutions;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
        this.json = json;
    }

    /** What a pending change will apply, stored as JSON. */
    record ChangeData(String displayName, Set<Role> roles, String institutionCode, boolean groupLead, Long version) {
    }

    @Override
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<UserView> users(UserFilter filter) {
        CurrentUser me = SecurityContextUsers.require();
        UserFilter f = filter == null ? UserFilter.all() : filter;
        String name = f.name() == null ? "" : f.name().trim().toLowerCase(Locale.ROOT);
        Map<String, Institution> seen = new HashMap<>();
        return users.findAll().stream()
                .filter(u -> me.region().covers(seen.computeIfAbsent(u.institutionCode(), institutions::get).region()))
                .filter(u -> name.isEmpty() || u.username().toLowerCase(Locale.ROOT).contains(name)
                        || u.displayName().toLowerCase(Locale.ROOT).contains(name))
                .filter(u -> f.role() == null || u.roles().contains(f.role()))
                .filter(u -> f.institutionCode() == null || f.institutionCode().isBlank()
                        || u.institutionCode().equals(f.institutionCode().trim()))
                .filter(u -> f.enabled() == null || u.enabled() == f.enabled())
                .sorted(Comparator.comparing(UserAccount::username))
                .map(u -> view(u, seen.get(u.institutionCode()))).toList();
    }

    @Override
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public UserView user(String username) {
        UserAccount account = visible(username);
        return view(account, institutions.get(account.institutionCode()));
    }

    @Override
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Outcome create(NewUser request) {
        if (request == null) {
            throw new DomainValidationException("username", "「用户名」必填");
        }
        String username = request.username() == null ? "" : request.username().trim();
        List<FieldViolation> violations = new ArrayList<>();
        if (!username.matches("[a-zA-Z0-9]{3,64}")) {
            violations.add(new FieldViolation("username", "「用户名」为3至64位字母或数字"));
        }
        ChangeData data = validate(request.displayName(), request.roles(), request.institutionCode(),
                request.groupLead(), null, violations);
        Institution institution = visibleInstitution(data.institutionCode(), true);
        if (users.existsById(username) || clients.existsById(username)) {
            throw new ConflictException("USER_EXISTS", "用户名已被使用: " + username);
        }
        if (pending.existsByUsernameAndStatus(username, ChangeStatus.PENDING)) {
            throw new ConflictException("CHANGE_PENDING", "该用户已有待复核的变更: " + username);
        }
        if (twoPerson(data.roles())) {
            return new Outcome(null, null, request(username, ChangeKind.CREATE, data, institution,
                    "新建用户 " + data.displayName() + " 角色 " + roles(data.roles()) + " 机构 " + institution.code()));
        }
        return applyCreate(username, data, institution);
    }

    @Override
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Outcome modify(String username, long version, UserChange change) {
        UserAccount account = visible(username);
        if (change == null) {
            throw new DomainValidationException("displayName", "「姓名」必填");
        }
        ChangeData data = validate(change.displayName(), change.roles(), change.institutionCode(),
                change.groupLead(), version, new ArrayList<>());
        // a move to another institution needs an active one; staying at a since cancelled one is allowed
        Institution institution = visibleInstitution(data.institutionCode(),
                !data.institutionCode().equals(account.institutionCode()));
        checkVersion(account, version);
        CurrentUser me = SecurityContextUsers.require();
        if (account.username().equals(me.username()) && !data.roles().contains(Role.ADMIN)) {
            throw new DomainValidationException("roles", "「角色」不能取消本人的系统管理员角色");
        }
        Institution current = institutions.get(account.institutionCode());
        if (unchanged(account, data)) {
            return new Outcome(view(account, current), null, null);
        }
        if (twoPerson(account.roles()) || twoPerson(data.roles())) {
            // any change of an account that holds or will hold a two-person role, not only of its roles
            noPendingChange(account.username());
            return new Outcome(view(account, current), null, request(account.username(), ChangeKind.MODIFY, data,
                    current, "修改用户 " + account.username() + " " + account.displayName() + " 角色 "
                            + roles(account.roles()) + " 机构 " + account.institutionCode()
                            + (account.groupLead() ? " 组长" : "") + " → " + data.displayName() + " 角色 "
                            + roles(data.roles()) + " 机构 " + data.institutionCode()
                            + (data.groupLead() ? " 组长" : "")));
        }
        return new Outcome(applyModify(account, data, institution), null, null);
    }

    @Override
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Outcome disable(String username) {
        UserAccount account = visible(username);
        if (account.username().equals(SecurityContextUsers.require().username())) {
            throw new DomainValidationException("username", "不能停用本人账户");
        }
        return setEnabled(account, false);
    }

    @Override
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Outcome enable(String username) {
        return setEnabled(visible(username), true);
    }

    private Outcome setEnabled(UserAccount account, boolean enabled) {
        Institution institution = institutions.get(account.institutionCode());
        if (account.enabled() == enabled) {
            return new Outcome(view(account, institution), null, null);
        }
        if (twoPerson(account.roles())) {
            noPendingChange(account.username());
            ChangeKind kind = enabled ? ChangeKind.ENABLE : ChangeKind.DISABLE;
            return new Outcome(view(account, institution), null, request(account.username(), kind,
                    new ChangeData(null, null, null, false, account.version()), institution,
                    (enabled ? "启用" : "停用") + "用户 " + account.username() + " 角色 " + roles(account.roles())));
        }
        return new Outcome(applyEnabled(account, enabled, institution), null, null);
    }

    @Override
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Outcome resetPassword(String username) {
        UserAccount account = visible(username);
        Institution institution = institutions.get(account.institutionCode());
        if (twoPerson(account.roles())) {
            // one admin alone must not be able to sign in as an admin, a key administrator or an auditor
            noPendingChange(account.username());
            return new Outcome(view(account, institution), null, request(account.username(),
                    ChangeKind.RESET_PASSWORD, new ChangeData(null, null, null, false, account.version()), institution,
                    "重置用户 " + account.username() + " 的密码，角色 " + roles(account.roles())));
        }
        return applyReset(account, institution);
    }

    private Outcome applyReset(UserAccount account, Institution institution) {
        String temporary = passwords.policy().temporaryPassword(account.username());
        passwords.set(account, temporary, true);
        flush(account);
        events.publishEvent(new UserPasswordChanged(account.username(), institution.region().value(), true));
        return new Outcome(view(account, institution), temporary, null);
    }

    @Override
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<PendingChange> pendingChanges() {
        CurrentUser me = SecurityContextUsers.require();
        return pending.findByStatusOrderByRequestedAt(ChangeStatus.PENDING).stream()
                .filter(c -> me.canSee(c.regionCode())).map(JpaUserManagement::view).toList();
    }

    @Override
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Outcome approve(String changeId) {
        PendingUserChange change = visiblePending(changeId);
        CurrentUser me = SecurityContextUsers.require();
        if (change.requestedBy().equals(me.username())) {
            throw new ConflictException("TWO_PERSON_RULE", "双人复核：须由申请人以外的另一名管理员批准");
        }
        if (change.username().equals(me.username())) {
            throw new ConflictException("TWO_PERSON_RULE", "双人复核：变更所涉用户本人不能批准");
        }
        ChangeData data = read(change.changeData());
        Outcome outcome = switch (change.kind()) {
            case CREATE -> {
                if (users.existsById(change.username()) || clients.existsById(change.username())) {
                    throw new ConflictException("USER_EXISTS", "用户名已被使用: " + change.username());
                }
                yield applyCreate(change.username(), data, visibleInstitution(data.institutionCode(), true));
            }
            case MODIFY -> {
                UserAccount account = visible(change.username());
                checkVersion(account, data.version());
                if (account.username().equals(me.username()) && !data.roles().contains(Role.ADMIN)) {
                    throw new DomainValidationException("roles", "「角色」不能取消本人的系统管理员角色");
                }
                yield new Outcome(applyModify(account, data, visibleInstitution(data.institutionCode(),
                        !data.institutionCode().equals(account.institutionCode()))), null, null);
            }
            case DISABLE, ENABLE -> {
                UserAccount account = visible(change.username());
                checkVersion(account, data.version());
                if (change.kind() == ChangeKind.DISABLE && account.username().equals(me.username())) {
                    throw new DomainValidationException("username", "不能停用本人账户");
                }
                yield new Outcome(applyEnabled(account, change.kind() == ChangeKind.ENABLE,
                        institutions.get(account.institutionCode())), null, null);
            }
            case RESET_PASSWORD -> {
                UserAccount account = visible(change.username());
                checkVersion(account, data.version());
                yield applyReset(account, institutions.get(account.institutionCode()));
            }
        };
        change.decide(true, me.username(), clock.instant(), null);
        events.publishEvent(new UserChangeDecided(change.id(), change.username(), change.regionCode(), true,
                "批准（申请人 " + change.requestedBy() + "）：" + change.summary()));
        return new Outcome(outcome.user(), outcome.temporaryPassword(), view(change));
    }

    @Override
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public PendingChange reject(String changeId, String reason) {
        PendingUserChange change = visiblePending(changeId);
        String why = reason == null ? "" : reason.trim();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new DomainValidationException("reason", "「驳回理由」必填，至多" + MAX_REASON + "字");
        }
        change.decide(false, SecurityContextUsers.require().username(), clock.instant(), why);
        events.publishEvent(new UserChangeDecided(change.id(), change.username(), change.regionCode(), false,
                "驳回（申请人 " + change.requestedBy() + "）：" + change.summary() + "；理由：" + why));
        return view(change);
    }

    // ---- applying changes

    private Outcome applyCreate(String username, ChangeData data, Institution institution) {
        String temporary = passwords.policy().temporaryPassword(username);
        UserAccount account = new UserAccount(username, passwords.encode(temporary), data.displayName(),
                institution.code(), data.roles(), data.groupLead(), false, true, clock.instant());
        users.saveAndFlush(account);
        passwords.remember(account);
        events.publishEvent(new UserAccountChanged(UserAccountChanged.Action.CREATED, username, data.displayName(),
                institution.region().value(), Set.copyOf(account.roles()), true,
                "新建用户 " + data.displayName() + " 角色 " + roles(data.roles()) + " 机构 " + institution.code()
                        + (data.groupLead() ? " 组长" : "")));
        return new Outcome(view(account, institution), temporary, null);
    }

    private UserView applyModify(UserAccount account, ChangeData data, Institution institution) {
        String before = account.displayName() + " " + roles(account.roles()) + " " + account.institutionCode()
                + (account.groupLead() ? " 组长" : "");
        account.change(data.displayName(), data.roles(), institution.code(), data.groupLead(), clock.instant());
        flush(account);
        events.publishEvent(new UserAccountChanged(UserAccountChanged.Action.MODIFIED, account.username(),
                account.displayName(), institution.region().value(), Set.copyOf(account.roles()), account.enabled(),
                "修改用户 " + before + " → " + account.displayName() + " " + roles(account.roles()) + " "
                        + account.institutionCode() + (account.groupLead() ? " 组长" : "")));
        return view(account, institution);
    }

    private UserView applyEnabled(UserAccount account, boolean enabled, Institution institution) {
        account.setEnabled(enabled, clock.instant());
        flush(account);
        events.publishEvent(new UserAccountChanged(enabled ? UserAccountChanged.Action.ENABLED
                : UserAccountChanged.Action.DISABLED, account.username(), account.displayName(),
                institution.region().value(), Set.copyOf(account.roles()), enabled,
                (enabled ? "启用用户 " : "停用用户 ") + account.username()));
        return view(account, institution);
    }

    private PendingChange request(String username, ChangeKind kind, ChangeData data, Institution institution,
                                  String summary) {
        PendingUserChange change = pending.save(new PendingUserChange(username, kind, write(data), summary,
                institution.region().value(), SecurityContextUsers.require().username(), clock.instant()));
        events.publishEvent(new UserChangeRequested(change.id(), username, institution.region().value(),
                "申请（双人复核）：" + summary));
        return view(change);
    }

    // ---- checks

    private ChangeData validate(String displayName, Set<Role> roles, String institutionCode, boolean groupLead,
                                Long version, List<FieldViolation> violations) {
        String name = displayName == null ? "" : displayName.trim();
        if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME) {
            violations.add(new FieldViolation("displayName", "「姓名」必填，至多" + MAX_DISPLAY_NAME + "字"));
        }
        Set<Role> granted = roles == null ? Set.of() : roles;
        if (granted.isEmpty() || granted.stream().anyMatch(java.util.Objects::isNull)) {
            violations.add(new FieldViolation("roles", "「角色」至少一项"));
        } else if (granted.stream().anyMatch(Role::machineOnly)) {
            violations.add(new FieldViolation("roles", "「角色」不能包含系统或接入应用角色 (SYSTEM, APP)"));
        }
        String code = institutionCode == null ? "" : institutionCode.trim();
        if (code.isEmpty() || code.length() > 32) {
            violations.add(new FieldViolation("institutionCode", "「机构」必填"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        return new ChangeData(name, EnumSet.copyOf(granted), code, groupLead, version);
    }

    private static boolean twoPerson(Set<Role> roles) {
        return roles.stream().anyMatch(TWO_PERSON_ROLES::contains);
    }

    private static boolean unchanged(UserAccount account, ChangeData data) {
        return account.displayName().equals(data.displayName()) && account.roles().equals(data.roles())
                && account.institutionCode().equals(data.institutionCode()) && account.groupLead() == data.groupLead();
    }

    private void checkVersion(UserAccount account, Long version) {
        if (version == null || account.version() != version) {
            throw new ConflictException("STALE_VERSION", "用户已被他人修改，请刷新后重试: " + account.username());
        }
    }

    private void noPendingChange(String username) {
        if (pending.existsByUsernameAndStatus(username, ChangeStatus.PENDING)) {
            throw new ConflictException("CHANGE_PENDING", "该用户已有待复核的变更: " + username);
        }
    }

    /** Writes the change now: a concurrent change by another admin makes this one a 409, not a lost update. */
    private void flush(UserAccount account) {
        try {
            users.saveAndFlush(account);
        } catch (OptimisticLockingFailureException e) {
            throw new ConflictException("STALE_VERSION", "用户已被他人修改，请刷新后重试: " + account.username());
        }
    }

    /** The user if within the admin's region; otherwise as if it did not exist (ORG-05). */
    private UserAccount visible(String username) {
        CurrentUser me = SecurityContextUsers.require();
        String name = username == null ? "" : username.trim();
        return (name.isEmpty() || name.length() > 64 ? java.util.Optional.<UserAccount>empty() : users.findById(name))
                .filter(u -> me.region().covers(institutions.get(u.institutionCode()).region()))
                .orElseThrow(() -> new NotFoundException("用户不存在: " + name));
    }

    private PendingUserChange visiblePending(String changeId) {
        CurrentUser me = SecurityContextUsers.require();
        String id = changeId == null ? "" : changeId.trim();
        PendingUserChange change = (id.isEmpty() || id.length() > 36 ? java.util.Optional.<PendingUserChange>empty()
                : pending.findById(id)).filter(c -> me.canSee(c.regionCode()))
                .orElseThrow(() -> new NotFoundException("待复核变更不存在: " + id));
        if (change.status() != ChangeStatus.PENDING) {
            throw new ConflictException("CHANGE_DECIDED", "该变更已处理: " + change.status());
        }
        return change;
    }

    /**
     * The institution if within the admin's region; with {@code active} (a user created there or moved there) it must
     * also take new business: a cancelled one is 409 {@code INSTITUTION_CANCELLED}.
     */
    private Institution visibleInstitution(String code, boolean active) {
        Institution institution;
        try {
            institution = institutions.get(code);
        } catch (NotFoundException e) {
            institution = null;
        }
        if (institution == null || !SecurityContextUsers.require().region().covers(institution.region())) {
            throw new DomainValidationException("institutionCode", "「机构」不存在或不在您的管辖范围: " + code);
        }
        return active ? institutions.requireActive(code) : institution;
    }

    // ---- views

    private UserView view(UserAccount u, Institution institution) {
        return new UserView(u.username(), u.displayName(), u.institutionCode(), institution.region().value(),
                Set.copyOf(u.roles()), u.groupLead(), u.enabled(),
                passwords.policy().changeRequired(u, clock.instant()), u.passwordChangedAt(), u.demo(), u.version());
    }

    static PendingChange view(PendingUserChange c) {
        return new PendingChange(c.id(), c.username(), c.kind(), c.summary(), c.regionCode(), c.status(),
                c.requestedBy(), c.requestedAt(), c.decidedBy(), c.decidedAt(), c.reason());
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().map(Role::name).collect(Collectors.toCollection(TreeSet::new)).toString();
    }

    private String write(ChangeData data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChangeData read(String data) {
        try {
            return json.readValue(data, ChangeData.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
