package cn.healthcard.e2e;

import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.floor.FloorStaff;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.logistics.ReceiverService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * The end-to-end tests' own world in Qinghai (630000), which no other test uses: the registration centre
 * {@value #CENTRE} (supervisor {@code qesup}, keeper {@code qekeeper}, authorised receiver), the batch desk
 * {@value #DESK} (clerk {@code qeclerk}, keeper {@code qedeskkeeper}, authorised receiver) and another desk of the same
 * district {@value #OTHER_DESK} (clerk {@code qeclerkb}), the card maker {@value #MAKER} with its transport key,
 * operators {@code qemaker1}, {@code qemaker2} and lead {@code qelead}. Everything is created if absent.
 */
final class ChainWorld {

    static final String CENTRE = "QE-630000";
    static final String DESK = "QE-630102";
    static final String OTHER_DESK = "QE-630102B";
    static final String MAKER = "QE-CM-630000";
    static final String SUPERVISOR = "qesup";
    static final String CLERK = "qeclerk";
    static final String OTHER_CLERK = "qeclerkb";
    static final String OPERATOR_1 = "qemaker1";
    static final String OPERATOR_2 = "qemaker2";
    static final String LEAD = "qelead";
    static final String KEEPER = "qekeeper";
    static final String DESK_KEEPER = "qedeskkeeper";
    private static final String SECRET = "demo1234";
    /** The maker's unified social credit code; its CARD product is filed ({@link #fileMakersCard}). */
    static final String MAKER_CREDIT = "91630000MA0QECM01"
            + cn.healthcard.institution.CreditCode.checkCharacter("91630000MA0QECM01");

    private ChainWorld() {
    }

    static void ensure(InstitutionService institutions, UserAdministration accounts, ReceiverService receivers,
                       FloorStaff staff, CryptoDevice device, TestUsers users) {
        SecurityContextUsers.runAsSystem(() -> {
            institutions.registerIfAbsent(new Institution(CENTRE, "青海省居民健康卡注册管理中心（端到端）",
                    RegionCode.of("630000"), InstitutionKind.REGISTRATION_CENTRE));
            institutions.registerIfAbsent(new Institution(DESK, "西宁城东区服务点（端到端）", RegionCode.of("630102"),
                    InstitutionKind.SERVICE_POINT));
            institutions.registerIfAbsent(new Institution(OTHER_DESK, "西宁城东区第二服务点（端到端）",
                    RegionCode.of("630102"), InstitutionKind.SERVICE_POINT));
            institutions.registerIfAbsent(new cn.healthcard.institution.InstitutionForm(MAKER, "青海个人化中心（端到端）",
                    InstitutionKind.CARD_MAKER, "630000", null, "联系人", "0971-0000000", "西宁", "负责人", null, null,
                    MAKER_CREDIT, null));
        });
        accounts.createIfAbsent(SUPERVISOR, SECRET, "青审核", CENTRE, Set.of(Role.SUPERVISOR), false, true);
        accounts.createIfAbsent(CLERK, SECRET, "东经办", DESK, Set.of(Role.CLERK), false, true);
        accounts.createIfAbsent(OTHER_CLERK, SECRET, "东二经办", OTHER_DESK, Set.of(Role.CLERK), false, true);
        accounts.createIfAbsent(KEEPER, SECRET, "青库管", CENTRE, Set.of(Role.WAREHOUSE), true, true);
        accounts.createIfAbsent(DESK_KEEPER, SECRET, "东库管", DESK, Set.of(Role.WAREHOUSE), true, true);
        for (String u : List.of(OPERATOR_1, OPERATOR_2, LEAD)) {
            accounts.createIfAbsent(u, SECRET, "青制卡" + u.substring(2), MAKER, Set.of(Role.PRODUCTION), false, true);
        }
        receivers.grantIfAbsent(CENTRE, KEEPER);
        receivers.grantIfAbsent(DESK, DESK_KEEPER);
        users.run("admin", () -> staff.assign(MAKER, LEAD, true));
        try {
            device.currentKey(KeyId.transportLabel(MAKER));
        } catch (CryptoException e) {
            device.generateSymmetricKey(KeyId.transportLabel(MAKER), KeyUsage.KEY_ENCRYPTION);
        }
        cn.healthcard.production.ProductionFixture.cityKeys(device, "630100");
    }

    /** The maker is eligible for plans only with a CARD filing in force (decision 027): filed through the review. */
    static void fileMakersCard(org.springframework.context.ApplicationContext context) {
        cn.healthcard.production.ProductionFixture.ensure(context);
        cn.healthcard.production.ProductionFixture.fileCard(context.getBean(cn.healthcard.filing.FiledProducts.class),
                context.getBean(cn.healthcard.filing.ManufacturerService.class),
                context.getBean(cn.healthcard.filing.FilingService.class),
                context.getBean(cn.healthcard.workflow.TaskInboxService.class), users(context), MAKER_CREDIT);
    }

    private static TestUsers users(org.springframework.context.ApplicationContext context) {
        return context.getBean(TestUsers.class);
    }

    /** A complete, valid resident with a fresh ID number and the given (shared) photo. */
    static ResidentData resident(String name, byte[] photo) {
        String id = TestResidents.idNumber(LocalDate.of(1990, 3, 1), "2");
        LocalDate birth = LocalDate.parse(id.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
        return new ResidentData("01", id, name, "2", "01", birth, "13912345678", "青海省西宁市城东区东关大街1号",
                "A", "POSITIVE", "无", photo);
    }

    /** The open task ids of a step, by business key (one query; the inbox lists only the first 500). */
    static java.util.Map<String, String> openTasks(JdbcTemplate jdbc, String taskKey) {
        java.util.Map<String, String> byKey = new java.util.HashMap<>();
        jdbc.query("SELECT e.business_key_, t.id_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_"
                + " WHERE t.task_def_key_ = ?", rs -> {
            byKey.put(rs.getString(1), rs.getString(2));
        }, taskKey);
        return byKey;
    }

    /** The open task of one case at a step. */
    static String openTask(JdbcTemplate jdbc, String businessKey, String taskKey) {
        return jdbc.queryForObject("SELECT t.id_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_"
                + " WHERE e.business_key_ = ? AND t.task_def_key_ = ?", String.class, businessKey, taskKey);
    }
}
