package cn.healthcard.sam;

import static cn.healthcard.ehc.EhcTestSupport.TERMINAL_MAKER;
import static cn.healthcard.ehc.EhcTestSupport.TERMINAL_MODEL;

import cn.healthcard.common.PageQuery;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.institution.CreditCode;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionQuery;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.institution.InstitutionStatus;
import cn.healthcard.institution.MedicalCategory;
import cn.healthcard.institution.MedicalNature;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.TestUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Hunan (430xxx) centres, hospitals, terminals, people and SAM cards for the SAM tests. */
public final class SamFixtures {

    public static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36)
            .toUpperCase();

    public String province;
    public String changsha;
    public String zhuzhou;

    private final InstitutionService institutions;
    private final UserAdministration userAdministration;
    private final TerminalService terminals;
    private final TestUsers users;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    public SamFixtures(InstitutionService institutions, UserAdministration userAdministration,
                       TerminalService terminals, TestUsers users, ApplicationEventPublisher events,
                       TransactionTemplate tx) {
        this.institutions = institutions;
        this.userAdministration = userAdministration;
        this.terminals = terminals;
        this.users = users;
        this.events = events;
        this.tx = tx;
        users.run("admin", () -> {
            province = centre("430000", "湖南省居民健康卡注册管理中心");
            changsha = centre("430100", "长沙市居民健康卡注册管理中心");
            zhuzhou = centre("430200", "株洲市居民健康卡注册管理中心");
            userAdministration.createIfAbsent("csclerk", "demo1234", "长沙经办", changsha, Set.of(Role.CLERK), false, true);
            userAdministration.createIfAbsent("csclerk2", "demo1234", "长沙经办二", changsha, Set.of(Role.CLERK), false,
                    true);
            userAdministration.createIfAbsent("cssuper", "demo1234", "长沙审核", changsha,
                    Set.of(Role.SUPERVISOR), false, true);
            userAdministration.createIfAbsent("cssuper2", "demo1234", "长沙审核二", changsha, Set.of(Role.SUPERVISOR),
                    false, true);
            userAdministration.createIfAbsent("zzclerk", "demo1234", "株洲经办", zhuzhou, Set.of(Role.CLERK), false, true);
        });
    }

    /** A new hospital in the region with one registered terminal of a filed model: [hospital, terminal]. */
    public String[] hospitalWithTerminal(String region) {
        String code = code("H");
        String terminal = "T-" + code;
        users.run("admin", () -> {
            String first17 = "12" + region + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
            institutions.register(new InstitutionForm(code, "湖南测试医院" + code, InstitutionKind.MEDICAL, region, null,
                    "张联系", "0731-12345678", "示例路1号", "李院长", MedicalNature.PUBLIC,
                    MedicalCategory.GENERAL_HOSPITAL, first17 + CreditCode.checkCharacter(first17),
                    "PDY" + code.replaceAll("[^A-Za-z0-9]", "")));
            terminals.register(terminal, code, TERMINAL_MAKER, TERMINAL_MODEL, "门诊挂号窗口");
        });
        return new String[] {code, terminal};
    }

    /** New SAM numbers, made for the province and arrived at {@code place}. */
    public List<String> samsAt(String place, int n) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            numbers.add(("SAM" + RUN + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)))
                    .toUpperCase());
        }
        String batch = "SB" + RUN + ThreadLocalRandom.current().nextInt(1_000_000);
        String shipment = "SS" + RUN + ThreadLocalRandom.current().nextInt(1_000_000);
        publish(new SamCardsMade(batch, "SAMMAKER01", province, numbers));
        publish(new SamCardsArrived(shipment, place, numbers));
        return numbers;
    }

    public void publish(Object event) {
        users.run("admin", () -> tx.executeWithoutResult(status -> events.publishEvent(event)));
    }

    private String centre(String region, String name) {
        return institutions.search(new InstitutionQuery(null, InstitutionKind.REGISTRATION_CENTRE, null, region, null,
                        null, null, null, InstitutionStatus.ACTIVE), new PageQuery(0, 500)).items().stream()
                .filter(d -> d.region().value().equals(region)).map(InstitutionDetails::code).findFirst()
                .orElseGet(() -> institutions.register(new InstitutionForm(code("C" + region), name,
                        InstitutionKind.REGISTRATION_CENTRE, region, null, "赵主任", "0731-12345678", "示例路1号",
                        "钱主任", null, null, null, null)).code());
    }

    static String code(String prefix) {
        return "S" + prefix + "-" + RUN + "-" + ThreadLocalRandom.current().nextInt(100_000);
    }
}
