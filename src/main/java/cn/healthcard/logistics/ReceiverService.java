package cn.healthcard.logistics;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.logistics.LogisticsEvents.ReceiverAuthorisationChanged;
import cn.healthcard.logistics.internal.AuthorisedReceiver;
import cn.healthcard.logistics.internal.AuthorisedReceiverRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserDirectory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Who may receive deliveries for an institution (PER-13): managed by that institution's WAREHOUSE group lead or an
 * ADMIN whose region covers it; read by everyone in the region.
 */
@Service
public class ReceiverService {

    /** An authorised receiver as listed. */
    public record Receiver(String institutionCode, String username, String displayName, String grantedBy,
                           Instant grantedAt) {
    }

    private final AuthorisedReceiverRepository receivers;
    private final Places places;
    private final UserDirectory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReceiverService(AuthorisedReceiverRepository receivers, Places places, UserDirectory directory,
                    ApplicationEventPublisher events, Clock clock) {
        this.receivers = receivers;
        this.places = places;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    boolean authorised(String institutionCode, String username) {
        return receivers.existsById(new AuthorisedReceiver.Key(institutionCode, username));
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','ADMIN')")
    public List<Receiver> list(String institutionCode) {
        visible(institutionCode);
        return receivers.ofInstitution(institutionCode).stream().map(this::view).toList();
    }

    /** Authorises a user of the institution as receiver; 409 {@code RECEIVER_EXISTS} when already authorised. */
    @Transactional
    @PreAuthorize("hasAnyRole('WAREHOUSE','ADMIN')")
    public Receiver grant(String institutionCode, String username) {
        Institution institution = manageable(institutionCode);
        if (username == null || !username.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new DomainValidationException("username", "「用户名」为1到64位字母、数字或 ._-");
        }
        if (!directory.holds(username, institution.code(), Role.WAREHOUSE)) {
            throw new DomainValidationException("username", "用户 " + username + " 不是 "
                    + places.label(institution.code()) + " 在用的库管人员（库房角色），不能授权为接收人");
        }
        if (authorised(institution.code(), username)) {
            throw new ConflictException("RECEIVER_EXISTS", username + " 已是 " + institution.code() + " 的授权接收人");
        }
        AuthorisedReceiver r;
        try {
            r = receivers.saveAndFlush(new AuthorisedReceiver(institution.code(), username, Places.me().username(),
                    clock.instant()));
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("RECEIVER_EXISTS", username + " 已是 " + institution.code() + " 的授权接收人");
        }
        events.publishEvent(new ReceiverAuthorisationChanged(institution.code(), institution.region().value(),
                username, true));
        return view(r);
    }

    /** Revokes an authorisation; 404 when there is none. */
    @Transactional
    @PreAuthorize("hasAnyRole('WAREHOUSE','ADMIN')")
    public void revoke(String institutionCode, String username) {
        Institution institution = manageable(institutionCode);
        var key = new AuthorisedReceiver.Key(institution.code(), username);
        if (!receivers.existsById(key)) {
            throw new NotFoundException(username + " 不是 " + institution.code() + " 的授权接收人");
        }
        receivers.deleteById(key);
        events.publishEvent(new ReceiverAuthorisationChanged(institution.code(), institution.region().value(),
                username, false));
    }

    /** Seeds a receiver without the caller checks (demo data and set-up only). */
    @Transactional
    public void grantIfAbsent(String institutionCode, String username) {
        if (!authorised(institutionCode, username)) {
            receivers.save(new AuthorisedReceiver(institutionCode, username, "SYSTEM", clock.instant()));
        }
    }

    private Institution visible(String institutionCode) {
        CurrentUser me = Places.me();
        try {
            Institution i = places.get(institutionCode);
            if (me.canSee(i.region().value())) {
                return i;
            }
        } catch (NotFoundException e) {
            // answered below, as for an institution out of scope
        }
        throw new NotFoundException("机构不存在: " + institutionCode);
    }

    private Institution manageable(String institutionCode) {
        Institution i = visible(institutionCode);
        CurrentUser me = Places.me();
        boolean admin = me.has(Role.ADMIN);
        boolean lead = me.has(Role.WAREHOUSE) && i.code().equals(me.institutionCode())
                && directory.groupLead(i.code(), Role.WAREHOUSE).map(me.username()::equals).orElse(false);
        if (!admin && !lead) {
            throw new AccessDeniedException("只有本机构库管组长或辖区系统管理员可以管理授权接收人");
        }
        return i;
    }

    private Receiver view(AuthorisedReceiver r) {
        return new Receiver(r.institutionCode(), r.username(), directory.displayName(r.username()), r.grantedBy(),
                r.grantedAt());
    }
}
