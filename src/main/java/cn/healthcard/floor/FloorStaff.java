package cn.healthcard.floor;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.floor.FloorEvents.FloorStaffAssigned;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Who the production lead (生产组长) of a maker is (decision 028): a {@code floor_staff} row per person with a lead
 * flag, kept by an administrator or by a lead of the same maker. Only PRODUCTION people of that maker can be put on
 * its staff. The lead signs off the double count (PER-11) and gets the stuck batches.
 */
@Service
public class FloorStaff {

    /** One person on a maker's floor. */
    public record Member(String username, String makerCode, boolean lead, String assignedBy) {
    }

    private final JdbcClient jdbc;
    private final FloorAccess access;
    private final UserDetailsService users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FloorStaff(JdbcClient jdbc, FloorAccess access, UserDetailsService users, ApplicationEventPublisher events,
               Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Puts a person on the maker's staff, as lead or operator. The caller is an administrator or a lead of that maker
     * (403); the maker must be a registered card maker (400 on {@code makerCode}), the person a production operator of it (400
     * on {@code username}).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','PRODUCTION','SYSTEM')")
    public Member assign(String makerCode, String username, boolean lead) {
        CurrentUser me = SecurityContextUsers.require();
        if (makerCode == null || makerCode.isBlank() || makerCode.length() > 32 || !access.isMaker(makerCode)) {
            throw new DomainValidationException("makerCode", "请填写已登记的制卡机构代码");
        }
        if (!me.has(Role.ADMIN) && !me.has(Role.SYSTEM) && !isLead(makerCode, me.username())) {
            throw new AccessDeniedException("只有管理员或本制卡机构的生产组长可以指定人员");
        }
        CurrentUser person = person(username)
                .filter(p -> p.has(Role.PRODUCTION) && makerCode.equals(p.institutionCode()))
                .orElseThrow(() -> new DomainValidationException("username", "该用户不是本制卡机构的制卡操作员"));
        jdbc.sql("DELETE FROM floor_staff WHERE username = ?").param(person.username()).update();
        jdbc.sql("INSERT INTO floor_staff (username, maker_code, is_lead, assigned_by, assigned_at) VALUES (?,?,?,?,?)")
                .params(person.username(), makerCode, lead, me.username(), Timestamp.from(clock.instant())).update();
        events.publishEvent(new FloorStaffAssigned(makerCode, person.region().value(), person.username(), lead));
        return new Member(person.username(), makerCode, lead, me.username());
    }

    /**
     * The maker's staff, for its own people, administrators, and supervisors and auditors whose region covers the
     * maker; 404 for anyone else (another maker's people, another region).
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','PRODUCTION','SUPERVISOR','AUDITOR','SYSTEM')")
    public List<Member> staff(String makerCode) {
        CurrentUser me = SecurityContextUsers.require();
        if (!me.has(Role.ADMIN) && !me.has(Role.SYSTEM)) {
            boolean own = makerCode != null && FloorAccess.ownMaker(me, makerCode);
            boolean overseer = (me.has(Role.SUPERVISOR) || me.has(Role.AUDITOR)) && makerCode != null
                    && makerCode.length() <= 32 && access.makerRegion(makerCode).map(me::canSee).orElse(false);
            if (!own && !overseer) {
                throw new NotFoundException("制卡机构不存在: " + makerCode);
            }
        }
        return jdbc.sql("SELECT username, maker_code, is_lead AS lead, assigned_by FROM floor_staff "
                + "WHERE maker_code = ? ORDER BY username").param(makerCode).query(Member.class).list();
    }

    /** Whether the caller is one of a card maker's production people (who have the movements, log and store). */
    public boolean callerWorksOnAFloor() {
        CurrentUser me = SecurityContextUsers.require();
        return me.has(Role.PRODUCTION) && me.institutionCode() != null && access.isMaker(me.institutionCode());
    }

    /** Whether the person is one of the maker's production people (a user with role PRODUCTION at the maker). */
    public boolean isProductionPersonOf(String makerCode, String username) {
        return person(username).filter(p -> p.has(Role.PRODUCTION) && makerCode.equals(p.institutionCode()))
                .isPresent();
    }

    /** Whether the person is a lead of the maker. */
    public boolean isLead(String makerCode, String username) {
        return jdbc.sql("SELECT COUNT(*) FROM floor_staff WHERE maker_code = ? AND username = ? AND is_lead = ?")
                .params(makerCode, username, true).query(Long.class).single() > 0;
    }

    /** The maker's first lead (by name), to whom stuck batches go. */
    public Optional<String> leadOf(String makerCode) {
        return jdbc.sql("SELECT username FROM floor_staff WHERE maker_code = ? AND is_lead = ? ORDER BY username")
                .params(makerCode, true).query(String.class).list().stream().findFirst();
    }

    private Optional<CurrentUser> person(String username) {
        if (username == null || username.isBlank() || username.length() > 64) {
            return Optional.empty();
        }
        try {
            return users.loadUserByUsername(username.strip()) instanceof SecurityContextUsers.HasCurrentUser h
                    ? Optional.of(h.currentUser()) : Optional.empty();
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }
}
