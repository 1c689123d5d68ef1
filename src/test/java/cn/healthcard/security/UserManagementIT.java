package cn.healthcard.security;

import cn.healthcard.card.CardService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.security.UserManagement.ChangeKind;
import cn.healthcard.security.UserManagement.ChangeStatus;
import cn.healthcard.security.UserManagement.NewUser;
import cn.healthcard.security.UserManagement.Outcome;
import cn.healthcard.security.UserManagement.UserChange;
import cn.healthcard.security.UserManagement.UserFilter;
import cn.healthcard.security.UserManagement.UserView;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * User administration through the service (SEC-01, ORG-05, decision 024): what an admin may do within her region, what
 * she may not do beside or above it, the machine roles, her own account, optimistic locking, the process engine's
 * memberships, and the two-person rule for key administrators and auditors. Every user made here has a fresh name.
 */
@IntegrationTest
class UserManagementIT {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired UserManagement management;
    @Autowired TestUsers users;
    @Autowired IdentityService identity;
    @Autowired JdbcTemplate jdbc;
    @Autowired UserDetailsService userDetails;
    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired UserAdministration administration;
    @Autowired cn.healthcard.institution.InstitutionService institutions;

    static String name(String prefix) {
        return prefix + (System.nanoTime() % 1_000_000) + SEQ.incrementAndGet();
    }

    /**
     * A further admin, made as set-up makes users (ADMIN is under the two-person rule: one admin alone cannot make
     * one), without a forced password change.
     */
    void admin(String username, String institution) {
        administration.createIfAbsent(username, "Adm#" + username + "-pw", "测试" + username, institution,
                Set.of(Role.ADMIN), false, false);
    }

    /** A user made by the national admin (no two-person role), returned as created. */
    Outcome make(String username, String institution, Role... roles) {
        return users.as("admin", () -> management.create(new NewUser(username, "测试" + username, institution,
                EnumSet.of(roles[0], roles), false)));
    }

    @Test
    @DisplayName("SEC-01 an admin creates a user: a temporary password shown once, a forced change at first sign-in, audited, and the process engine's user with the role's group at once")
    void create() {
        String u = name("cl");
        Outcome created = make(u, "BJ-110105", Role.CLERK, Role.SUPERVISOR);

        assertThat(created.awaitsApproval()).isFalse();
        assertThat(created.temporaryPassword()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(created.user().mustChangePassword()).isTrue();
        assertThat(created.user().regionCode()).isEqualTo("110105");
        assertThat(jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, u))
                .doesNotContain(created.temporaryPassword());
        assertThat(identity.createUserQuery().userId(u).memberOfGroup("CLERK").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId(u).memberOfGroup("SUPERVISOR").count()).isEqualTo(1);
        assertThat(audit("UserCreated", u)).containsEntry("ACTOR", "admin").containsEntry("REGION_CODE", "110105");
        assertThat(String.valueOf(audit("UserCreated", u).get("DETAIL"))).doesNotContain(created.temporaryPassword());
        assertThat(users.as("admin", () -> management.users(new UserFilter(u, Role.CLERK, "BJ-110105", true))))
                .extracting(UserView::username).containsExactly(u);
        assertThat(users.as("admin", () -> management.users(new UserFilter(u, Role.AUDITOR, null, null)))).isEmpty();
    }

    @Test
    @DisplayName("SEC-01 a person never holds SYSTEM or APP: create and change refused with 400 naming roles; bad fields each named")
    void machineRolesAndFields() {
        for (Role machine : List.of(Role.SYSTEM, Role.APP)) {
            assertThatThrownBy(() -> users.run("admin", () -> management.create(new NewUser(name("m"), "机器",
                    "BJ-110105", EnumSet.of(Role.CLERK, machine), false))))
                    .isInstanceOf(DomainValidationException.class).extracting(e -> fields(e)).asList()
                    .containsExactly("roles");
        }
        String u = name("mr");
        UserView view = make(u, "BJ-110105", Role.CLERK).user();
        assertThatThrownBy(() -> users.run("admin", () -> management.modify(u, view.version(),
                new UserChange("测试", EnumSet.of(Role.SYSTEM), "BJ-110105", false))))
                .isInstanceOf(DomainValidationException.class);
        assertThat(users.as("admin", () -> management.user(u)).roles()).containsExactly(Role.CLERK);

        assertThatThrownBy(() -> users.run("admin", () -> management.create(new NewUser("a-b", "",
                "NO-SUCH", Set.of(), false))))
                .isInstanceOf(DomainValidationException.class).extracting(e -> fields(e)).asList()
                .containsExactly("username", "displayName", "roles");
        assertThatThrownBy(() -> users.run("admin", () -> management.create(new NewUser(name("x"), "测".repeat(101),
                "BJ-110105", Set.of(Role.CLERK), false))))
                .isInstanceOf(DomainValidationException.class).extracting(e -> fields(e)).asList()
                .containsExactly("displayName");
        assertThatThrownBy(() -> users.run("admin", () -> management.create(new NewUser(name("x"), "测试",
                "NO-SUCH", Set.of(Role.CLERK), false))))
                .isInstanceOf(DomainValidationException.class).extracting(e -> fields(e)).asList()
                .containsExactly("institutionCode");
        assertThatThrownBy(() -> users.run("admin", () -> management.create(new NewUser("clerk", "重名",
                "BJ-110105", Set.of(Role.CLERK), false))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> users.run("admin", () -> management.create(new NewUser("platform", "与客户端重名",
                "BJ-110105", Set.of(Role.CLERK), false))))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    @DisplayName("ORG-05 SEC-01 a Beijing admin sees and touches only Beijing's users: list, details, change, disable, enable, reset, create elsewhere, approve elsewhere — all as not found")
    void regionScope() {
        String bj = name("bjadm");
        admin(bj, "BJ-110000");
        String sh = name("shcl");
        UserView shUser = make(sh, "SH-310104", Role.CLERK).user();
        String mine = name("bjcl");
        make(mine, "BJ-110105", Role.CLERK);

        List<String> seen = users.as(bj, () -> management.users(UserFilter.all())).stream()
                .map(UserView::username).toList();
        assertThat(seen).contains(mine, "clerk", "supervisor").doesNotContain(sh, "shclerk", "admin", "keyadmin");
        assertThat(users.as(bj, () -> management.users(new UserFilter(null, null, "SH-310104", null)))).isEmpty();
        for (String other : List.of(sh, "shclerk", "admin", "keyadmin")) {
            assertThatThrownBy(() -> users.run(bj, () -> management.user(other))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> users.run(bj, () -> management.modify(other, shUser.version(),
                    new UserChange("改", Set.of(Role.CLERK), "BJ-110105", false)))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> users.run(bj, () -> management.disable(other)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> users.run(bj, () -> management.enable(other)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> users.run(bj, () -> management.resetPassword(other)))
                    .isInstanceOf(NotFoundException.class);
        }
        // nor moves a user of hers out of her region, nor creates one beside or above it
        UserView myUser = users.as(bj, () -> management.user(mine));
        assertThatThrownBy(() -> users.run(bj, () -> management.modify(mine, myUser.version(),
                new UserChange("改", Set.of(Role.CLERK), "SH-310104", false))))
                .isInstanceOf(DomainValidationException.class);
        for (String institution : List.of("SH-310104", "NHC-000000")) {
            assertThatThrownBy(() -> users.run(bj, () -> management.create(new NewUser(name("x"), "外地",
                    institution, Set.of(Role.CLERK), false)))).isInstanceOf(DomainValidationException.class)
                    .extracting(e -> fields(e)).asList().containsExactly("institutionCode");
        }
        // a pending change of the national level: neither listed nor approvable from Beijing
        String key = name("key");
        Outcome pending = users.as("admin", () -> management.create(new NewUser(key, "密管", "NHC-000000",
                Set.of(Role.KEY_ADMIN), false)));
        assertThat(users.as(bj, () -> management.pendingChanges())).extracting(c -> c.id())
                .doesNotContain(pending.pending().id());
        assertThatThrownBy(() -> users.run(bj, () -> management.approve(pending.pending().id())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run(bj, () -> management.reject(pending.pending().id(), "越权")))
                .isInstanceOf(NotFoundException.class);
        // the shclerk is unchanged
        assertThat(users.as("admin", () -> management.user("shclerk")).enabled()).isTrue();
        // and a clerk has no user administration at all
        assertThatThrownBy(() -> users.run("clerk", () -> management.users(UserFilter.all())))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        users.run("admin", () -> management.reject(pending.pending().id(), "测试结束"));
    }

    @Test
    @DisplayName("SEC-01 an admin can neither disable herself nor take her own ADMIN role away")
    void ownAccount() {
        String a = name("self");
        admin(a, "BJ-110000");
        UserView me = users.as(a, () -> management.user(a));
        assertThatThrownBy(() -> users.run(a, () -> management.disable(a)))
                .isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> users.run(a, () -> management.modify(a, me.version(),
                new UserChange("自己", Set.of(Role.CLERK), "BJ-110000", false))))
                .isInstanceOf(DomainValidationException.class).extracting(e -> fields(e)).asList()
                .containsExactly("roles");
        UserView after = users.as(a, () -> management.user(a));
        assertThat(after.enabled()).isTrue();
        assertThat(after.roles()).containsExactly(Role.ADMIN);
    }

    @Test
    @DisplayName("SEC-01 optimistic locking: two admins change one user from the same version; the second gets 409 STALE_VERSION and changes nothing")
    void optimisticLocking() {
        String u = name("lk");
        UserView read = make(u, "BJ-110105", Role.CLERK).user();
        String second = name("bjadm");
        admin(second, "BJ-110000");

        users.run("admin", () -> management.modify(u, read.version(),
                new UserChange("第一位管理员改", Set.of(Role.CLERK), "BJ-110105", true)));
        assertThatThrownBy(() -> users.run(second, () -> management.modify(u, read.version(),
                new UserChange("第二位管理员改", Set.of(Role.CLERK, Role.WAREHOUSE), "BJ-110105", false))))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("STALE_VERSION"));
        UserView now = users.as("admin", () -> management.user(u));
        assertThat(now.displayName()).isEqualTo("第一位管理员改");
        assertThat(now.roles()).containsExactly(Role.CLERK);
        assertThat(now.groupLead()).isTrue();
        assertThat(audit("UserModified", u)).containsEntry("ACTOR", "admin");
    }

    @Test
    @DisplayName("SEC-01 role changes reach the engine's groups at once, removal included: a supervisor whose role is taken away no longer sees the review task in the inbox; disabling removes every membership, re-enabling restores them")
    void memberships() {
        String sup = name("sup");
        UserView view = make(sup, "BJ-110105", Role.SUPERVISOR).user();
        var scenario = new CardApplicationScenarios(applications, inbox, cards, users);
        String applicationId = scenario.submit("clerk", TestResidents.newResident("成员测试")).applicationId();
        assertThat(scenario.task(sup, applicationId, CardApplicationService.REVIEW_TASK)).isNotNull();

        users.run("admin", () -> management.modify(sup, view.version(),
                new UserChange("改任库管", Set.of(Role.WAREHOUSE), "BJ-110105", false)));
        assertThat(identity.createUserQuery().userId(sup).memberOfGroup("SUPERVISOR").count()).isZero();
        assertThat(identity.createUserQuery().userId(sup).memberOfGroup("WAREHOUSE").count()).isEqualTo(1);
        assertThat(users.as(sup, () -> inbox.find(TaskFilter.all(), 0, 500)))
                .noneMatch(t -> applicationId.equals(t.businessKey()));
        assertThat(((cn.healthcard.security.SecurityContextUsers.HasCurrentUser) userDetails.loadUserByUsername(sup))
                .currentUser().roles()).containsExactly(Role.WAREHOUSE);

        users.run("admin", () -> management.disable(sup));
        assertThat(identity.createGroupQuery().groupMember(sup).count()).isZero();
        assertThat(userDetails.loadUserByUsername(sup).isEnabled()).isFalse();
        assertThat(audit("UserDisabled", sup)).containsEntry("ACTOR", "admin");
        assertThat(users.as("admin", () -> management.users(new UserFilter(sup, null, null, false))))
                .extracting(UserView::username).containsExactly(sup);

        users.run("admin", () -> management.enable(sup));
        assertThat(identity.createUserQuery().userId(sup).memberOfGroup("WAREHOUSE").count()).isEqualTo(1);
        assertThat(audit("UserEnabled", sup)).containsEntry("ACTOR", "admin");

        // an admin's group: camunda-admin follows the ADMIN role (given and taken by two admins)
        String second = name("nadm");
        admin(second, "NHC-000000");
        String adm = name("adm");
        Outcome requested = users.as("admin", () -> management.create(new NewUser(adm, "测试" + adm, "BJ-110000",
                Set.of(Role.ADMIN), false)));
        UserView admin = users.as(second, () -> management.approve(requested.pending().id())).user();
        assertThat(identity.createUserQuery().userId(adm).memberOfGroup("camunda-admin").count()).isEqualTo(1);
        Outcome taken = users.as("admin", () -> management.modify(adm, admin.version(),
                new UserChange("不再是管理员", Set.of(Role.CLERK), "BJ-110000", false)));
        users.run(second, () -> management.approve(taken.pending().id()));
        assertThat(identity.createUserQuery().userId(adm).memberOfGroup("camunda-admin").count()).isZero();
    }

    @Test
    @DisplayName("SEC-01 two-person rule: creating a key administrator waits for a second admin — nothing exists before, the requester cannot approve, the second admin's approval creates it with a temporary password; both steps audited; so does a reset of its password")
    void twoPersonCreate() {
        String second = name("nadm");
        admin(second, "NHC-000000");
        String key = name("key");

        Outcome requested = users.as("admin", () -> management.create(new NewUser(key, "新密管", "NHC-000000",
                Set.of(Role.KEY_ADMIN), false)));
        assertThat(requested.awaitsApproval()).isTrue();
        assertThat(requested.pending().kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(requested.temporaryPassword()).isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Integer.class, key))
                .isZero();
        assertThat(identity.createUserQuery().userId(key).count()).isZero();
        assertThat(audit("UserChangeRequested", key)).containsEntry("ACTOR", "admin");
        String id = requested.pending().id();

        assertThatThrownBy(() -> users.run("admin", () -> management.approve(id)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("TWO_PERSON_RULE"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Integer.class, key))
                .isZero();
        assertThat(users.as(second, () -> management.pendingChanges())).extracting(c -> c.id()).contains(id);

        Outcome approved = users.as(second, () -> management.approve(id));
        assertThat(approved.user().roles()).containsExactly(Role.KEY_ADMIN);
        assertThat(approved.temporaryPassword()).isNotBlank();
        assertThat(approved.pending().status()).isEqualTo(ChangeStatus.APPROVED);
        assertThat(approved.pending().decidedBy()).isEqualTo(second);
        assertThat(identity.createUserQuery().userId(key).memberOfGroup("KEYADMIN").count()).isEqualTo(1);
        assertThat(audit("UserChangeApproved", key)).containsEntry("ACTOR", second);
        assertThat(audit("UserCreated", key)).containsEntry("ACTOR", second);
        // a replay: decided once
        assertThatThrownBy(() -> users.run(second, () -> management.approve(id)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("CHANGE_DECIDED"));

        // one admin alone cannot reset a key administrator's password (and so sign in as one)
        String hash = jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, key);
        Outcome reset = users.as("admin", () -> management.resetPassword(key));
        assertThat(reset.awaitsApproval()).isTrue();
        assertThat(reset.temporaryPassword()).isNull();
        assertThat(jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, key))
                .isEqualTo(hash);
        Outcome resetApproved = users.as(second, () -> management.approve(reset.pending().id()));
        assertThat(resetApproved.temporaryPassword()).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, key))
                .isNotEqualTo(hash);
        assertThat(audit("UserPasswordReset", key)).containsEntry("ACTOR", second);
    }

    @Test
    @DisplayName("SEC-01 two-person rule: granting AUDITOR and disabling a key administrator change nothing until a second admin approves; a rejection changes nothing and is audited")
    void twoPersonGrantDisableReject() {
        String second = name("nadm");
        admin(second, "NHC-000000");
        String u = name("au");
        UserView clerk = make(u, "BJ-110000", Role.CLERK).user();

        Outcome grant = users.as("admin", () -> management.modify(u, clerk.version(),
                new UserChange("将任审计", Set.of(Role.CLERK, Role.AUDITOR), "BJ-110000", false)));
        assertThat(grant.awaitsApproval()).isTrue();
        assertThat(users.as("admin", () -> management.user(u)).roles()).containsExactly(Role.CLERK);
        assertThat(identity.createUserQuery().userId(u).memberOfGroup("AUDITOR").count()).isZero();
        // one pending change per user at a time
        assertThatThrownBy(() -> users.run("admin", () -> management.modify(u, clerk.version(),
                new UserChange("将任密管", Set.of(Role.CLERK, Role.KEY_ADMIN), "BJ-110000", false))))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("CHANGE_PENDING"));

        assertThatThrownBy(() -> users.run(second, () -> management.reject(grant.pending().id(), " ")))
                .isInstanceOf(DomainValidationException.class);
        var rejected = users.as(second, () -> management.reject(grant.pending().id(), "审计员须另行审批"));
        assertThat(rejected.status()).isEqualTo(ChangeStatus.REJECTED);
        assertThat(users.as("admin", () -> management.user(u)).roles()).containsExactly(Role.CLERK);
        assertThat(audit("UserChangeRejected", u)).containsEntry("ACTOR", second);

        Outcome again = users.as("admin", () -> management.modify(u, clerk.version(),
                new UserChange("将任审计", Set.of(Role.AUDITOR), "BJ-110000", false)));
        users.run(second, () -> management.approve(again.pending().id()));
        assertThat(users.as("admin", () -> management.user(u)).roles()).containsExactly(Role.AUDITOR);
        assertThat(identity.createUserQuery().userId(u).memberOfGroup("AUDITOR").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId(u).memberOfGroup("CLERK").count()).isZero();

        Outcome disable = users.as("admin", () -> management.disable(u));
        assertThat(disable.awaitsApproval()).isTrue();
        assertThat(users.as("admin", () -> management.user(u)).enabled()).isTrue();
        users.run(second, () -> management.approve(disable.pending().id()));
        assertThat(users.as("admin", () -> management.user(u)).enabled()).isFalse();
        assertThat(identity.createGroupQuery().groupMember(u).count()).isZero();
    }

    @Test
    @DisplayName("SEC-01 an admin resets a password: a new temporary one, the old one no longer works, a forced change at the next sign-in; audited without the password")
    void resetPassword() {
        String u = name("rp");
        Outcome created = make(u, "BJ-110105", Role.CLERK);
        var issued = users.as("admin", () -> management.resetPassword(u));
        assertThat(issued.temporaryPassword()).isNotEqualTo(created.temporaryPassword());
        assertThat(issued.user().mustChangePassword()).isTrue();
        assertThat(audit("UserPasswordReset", u)).containsEntry("ACTOR", "admin");
        String hash = jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, u);
        var encoder = org.springframework.security.crypto.factory.PasswordEncoderFactories
                .createDelegatingPasswordEncoder();
        assertThat(encoder.matches(issued.temporaryPassword(), hash)).isTrue();
        assertThat(encoder.matches(created.temporaryPassword(), hash)).isFalse();
    }

    @Test
    @DisplayName("SEC-01 attack: one admin cannot make herself a second admin account — creating an ADMIN, granting ADMIN, enabling a disabled admin and resetting an admin's password each wait for a second admin; no account, role, sign-in or temporary password before")
    void adminIsATwoPersonRole() {
        String second = name("nadm");
        admin(second, "NHC-000000");
        String sock = name("sock");
        String count = "SELECT COUNT(*) FROM app_user WHERE username = ?";

        // a new ADMIN: nothing exists, no temporary password to sign in with, and she cannot approve it
        Outcome created = users.as("admin", () -> management.create(new NewUser(sock, "马甲", "NHC-000000",
                Set.of(Role.ADMIN), false)));
        assertThat(created.awaitsApproval()).isTrue();
        assertThat(created.temporaryPassword()).isNull();
        assertThat(jdbc.queryForObject(count, Integer.class, sock)).isZero();
        assertThatThrownBy(() -> users.run("admin", () -> management.approve(created.pending().id())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("TWO_PERSON_RULE"));
        users.run("admin", () -> management.reject(created.pending().id(), "撤回"));

        // ADMIN given to a user she made: waits
        UserView clerk = make(sock, "NHC-000000", Role.CLERK).user();
        Outcome grant = users.as("admin", () -> management.modify(sock, clerk.version(),
                new UserChange(clerk.displayName(), Set.of(Role.CLERK, Role.ADMIN), "NHC-000000", false)));
        assertThat(grant.awaitsApproval()).isTrue();
        assertThat(users.as("admin", () -> management.user(sock)).roles()).containsExactly(Role.CLERK);
        assertThat(identity.createUserQuery().userId(sock).memberOfGroup("camunda-admin").count()).isZero();
        users.run("admin", () -> management.reject(grant.pending().id(), "撤回"));

        // a disabled admin: neither enabled nor given a new password by one admin
        String old = name("oldadm");
        admin(old, "NHC-000000");
        Outcome disable = users.as("admin", () -> management.disable(old));
        assertThat(disable.awaitsApproval()).isTrue();
        users.run(second, () -> management.approve(disable.pending().id()));
        assertThat(users.as("admin", () -> management.user(old)).enabled()).isFalse();
        String hash = jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, old);
        Outcome enable = users.as("admin", () -> management.enable(old));
        assertThat(enable.awaitsApproval()).isTrue();
        assertThat(users.as("admin", () -> management.user(old)).enabled()).isFalse();
        users.run("admin", () -> management.reject(enable.pending().id(), "撤回"));
        Outcome reset = users.as("admin", () -> management.resetPassword(old));
        assertThat(reset.awaitsApproval()).isTrue();
        assertThat(reset.temporaryPassword()).isNull();
        assertThat(jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, old))
                .isEqualTo(hash);
        users.run("admin", () -> management.reject(reset.pending().id(), "撤回"));
    }

    @Test
    @DisplayName("SEC-01 two-person rule: any change of a key administrator waits for a second admin — a move to another institution, a new name, group lead, a further role — not only a change of the two-person roles")
    void twoPersonAnyChange() {
        String second = name("nadm");
        admin(second, "NHC-000000");
        String key = name("key");
        Outcome requested = users.as("admin", () -> management.create(new NewUser(key, "密管", "NHC-000000",
                Set.of(Role.KEY_ADMIN), false)));
        UserView view = users.as(second, () -> management.approve(requested.pending().id())).user();

        List<UserChange> changes = List.of(
                new UserChange("密管", Set.of(Role.KEY_ADMIN), "BJ-110000", false),
                new UserChange("改名的密管", Set.of(Role.KEY_ADMIN), "NHC-000000", false),
                new UserChange("密管", Set.of(Role.KEY_ADMIN), "NHC-000000", true),
                new UserChange("密管", Set.of(Role.KEY_ADMIN, Role.SUPERVISOR), "NHC-000000", false));
        for (UserChange change : changes) {
            Outcome outcome = users.as("admin", () -> management.modify(key, view.version(), change));
            assertThat(outcome.awaitsApproval()).as(change.toString()).isTrue();
            UserView now = users.as("admin", () -> management.user(key));
            assertThat(now).as(change.toString()).usingRecursiveComparison().ignoringFields("passwordChangedAt")
                    .isEqualTo(view);
            users.run("admin", () -> management.reject(outcome.pending().id(), "撤回"));
        }
        // unchanged: nothing to approve
        assertThat(users.as("admin", () -> management.modify(key, view.version(),
                new UserChange("密管", Set.of(Role.KEY_ADMIN), "NHC-000000", false))).awaitsApproval()).isFalse();

        Outcome move = users.as("admin", () -> management.modify(key, view.version(), changes.get(0)));
        users.run(second, () -> management.approve(move.pending().id()));
        assertThat(users.as("admin", () -> management.user(key)).institutionCode()).isEqualTo("BJ-110000");
    }

    @Test
    @DisplayName("SEC-01 two-person rule: the user a change is about cannot approve it — an admin asked to be made key administrator gets 409 TWO_PERSON_RULE; a third admin may")
    void subjectCannotApprove() {
        String b = name("badm");
        admin(b, "NHC-000000");
        String third = name("tadm");
        admin(third, "NHC-000000");
        UserView bView = users.as("admin", () -> management.user(b));
        Outcome promote = users.as("admin", () -> management.modify(b, bView.version(),
                new UserChange(bView.displayName(), Set.of(Role.ADMIN, Role.KEY_ADMIN), "NHC-000000", false)));
        assertThat(promote.awaitsApproval()).isTrue();

        assertThatThrownBy(() -> users.run(b, () -> management.approve(promote.pending().id())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("TWO_PERSON_RULE"));
        assertThat(users.as("admin", () -> management.user(b)).roles()).containsExactly(Role.ADMIN);

        users.run(third, () -> management.approve(promote.pending().id()));
        assertThat(users.as("admin", () -> management.user(b)).roles())
                .containsExactlyInAnyOrder(Role.ADMIN, Role.KEY_ADMIN);
    }

    @Test
    @DisplayName("ORG-03 SEC-01 no user is created at, or moved to, a cancelled institution (409 INSTITUTION_CANCELLED); a user already there may still be changed")
    void cancelledInstitution() {
        String code = "SP-U" + (System.nanoTime() % 1_000_000) + SEQ.incrementAndGet();
        var registered = users.as("admin", () -> institutions.register(new cn.healthcard.institution.InstitutionForm(
                code, "用户测试服务网点" + code, cn.healthcard.institution.InstitutionKind.SERVICE_POINT, "110105", null,
                null, null, null, null, null, null, null, null)));
        String staying = name("stay");
        UserView stay = make(staying, code, Role.CLERK).user();
        String moving = name("move");
        UserView move = make(moving, "BJ-110105", Role.CLERK).user();
        users.run("admin", () -> institutions.cancel(code, registered.version(), "撤并"));

        assertThatThrownBy(() -> make(name("new"), code, Role.CLERK))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("INSTITUTION_CANCELLED"));
        assertThatThrownBy(() -> users.run("admin", () -> management.modify(moving, move.version(),
                new UserChange(move.displayName(), Set.of(Role.CLERK), code, false))))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("INSTITUTION_CANCELLED"));
        assertThat(users.as("admin", () -> management.user(moving)).institutionCode()).isEqualTo("BJ-110105");

        UserView renamed = users.as("admin", () -> management.modify(staying, stay.version(),
                new UserChange("仍在原网点", Set.of(Role.CLERK), code, false))).user();
        assertThat(renamed.displayName()).isEqualTo("仍在原网点");
    }

    private java.util.Map<String, Object> audit(String type, String subject) {
        return jdbc.queryForMap("SELECT actor, region_code, detail FROM audit_event WHERE event_type = ? "
                + "AND subject_id = ? ORDER BY id DESC LIMIT 1", type, subject);
    }

    private static List<String> fields(Throwable e) {
        return ((DomainValidationException) e).violations().stream().map(FieldViolation::field).toList();
    }
}
