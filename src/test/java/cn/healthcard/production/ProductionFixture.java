package cn.healthcard.production;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.TestResidents;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The production tests' own world in Inner Mongolia (150000), which no other test uses: a registration centre
 * PX-150000 with supervisor {@code pxsup} and clerk {@code pxclerk}, batch desks PX-150102 and PX-150203 (listed in
 * {@code healthcard.production.batch-desks}), card makers PX-CM-150000 (province) and PX-CM-150100 (city, nearer for
 * 1501xx) with transport keys and users {@code pxmaker} / {@code pxmaker2} (PRODUCTION), and a supervisor of another
 * province ({@code pxsupother}, PX-140000).
 */
public final class ProductionFixture {

    public static final String CENTRE = "PX-150000";
    public static final String DESK = "PX-150102";
    public static final String DESK_2 = "PX-150203";
    public static final String MAKER = "PX-CM-150100";
    public static final String MAKER_PROVINCE = "PX-CM-150000";
    /** The makers' unified social credit codes (GB 32100 valid), each with a CARD product filed in the test. */
    public static final String MAKER_CREDIT = "91150100MA0PXCM014";
    public static final String MAKER_PROVINCE_CREDIT = "91150000MA0PXCM00U";

    private ProductionFixture() {
    }

    /** The world, with the makers' CARD filings in force (through the filing service and its review). */
    public static void ensure(org.springframework.context.ApplicationContext context) {
        ensure(context.getBean(InstitutionService.class), context.getBean(UserAdministration.class),
                context.getBean(CryptoDevice.class));
        var filed = context.getBean(cn.healthcard.filing.FiledProducts.class);
        var manufacturers = context.getBean(cn.healthcard.filing.ManufacturerService.class);
        var filings = context.getBean(cn.healthcard.filing.FilingService.class);
        var inbox = context.getBean(cn.healthcard.workflow.TaskInboxService.class);
        var as = context.getBean(cn.healthcard.support.TestUsers.class);
        context.getBean(UserAdministration.class).createIfAbsent("natclerk", "demo1234", "国家经办", "NHC-000000",
                Set.of(Role.CLERK), false, true);
        context.getBean(UserAdministration.class).createIfAbsent("natsupervisor", "demo1234", "国家审核", "NHC-000000",
                Set.of(Role.SUPERVISOR), false, true);
        for (String credit : List.of(MAKER_CREDIT, MAKER_PROVINCE_CREDIT)) {
            fileCard(filed, manufacturers, filings, inbox, as, credit);
        }
    }

    /** Files a CARD product for the manufacturer with this credit code, unless one is in force. */
    public static void fileCard(cn.healthcard.filing.FiledProducts filed,
                                cn.healthcard.filing.ManufacturerService manufacturers,
                                cn.healthcard.filing.FilingService filings,
                                cn.healthcard.workflow.TaskInboxService inbox, cn.healthcard.support.TestUsers as,
                                String credit) {
        if (filed.hasFilingInForce(cn.healthcard.filing.ProductType.CARD, credit)) {
            return;
        }
        var manufacturer = as.as("admin", () -> manufacturers.list().stream()
                .filter(m -> credit.equals(m.creditCode())).findFirst()
                .orElseGet(() -> manufacturers.register(new cn.healthcard.filing.ManufacturerRegistration(
                        "制卡测试厂商 " + credit, credit, java.util.EnumSet.of(cn.healthcard.filing.ProviderType.CARD_MAKER),
                        "张联系", "0471-0000000", null))));
        var filing = as.as("natclerk", () -> filings.submit(cn.healthcard.filing.FilingFixtures.application(
                manufacturer.id(), cn.healthcard.filing.ProductType.CARD, cn.healthcard.filing.FilingFixtures.model("PXC"))));
        String taskId = cn.healthcard.filing.FilingFixtures.task(inbox, as, "natsupervisor", filing.caseNo(),
                cn.healthcard.filing.FilingService.REVIEW_TASK).taskId();
        as.as("natsupervisor", () -> filings.review(taskId, cn.healthcard.workflow.Review.of(
                cn.healthcard.workflow.Review.Outcome.APPROVE, "予以备案")));
    }

    public static void ensure(InstitutionService institutions, UserAdministration users, CryptoDevice device) {
        institution(institutions, "PX-150000", "内蒙古自治区居民健康卡注册管理中心（测试）", "150000",
                InstitutionKind.REGISTRATION_CENTRE);
        institution(institutions, "PX-140000", "山西省居民健康卡注册管理中心（测试）", "140000",
                InstitutionKind.REGISTRATION_CENTRE);
        institution(institutions, DESK, "呼和浩特新城区服务点（测试）", "150102", InstitutionKind.SERVICE_POINT);
        institution(institutions, DESK_2, "包头东河区服务点（测试）", "150203", InstitutionKind.SERVICE_POINT);
        maker(institutions, MAKER_PROVINCE, "内蒙古个人化中心（测试）", "150000", MAKER_PROVINCE_CREDIT);
        maker(institutions, MAKER, "呼和浩特个人化中心（测试）", "150100", MAKER_CREDIT);
        users.createIfAbsent("pxsup", "demo1234", "计划审核员", CENTRE, Set.of(Role.SUPERVISOR), false, true);
        users.createIfAbsent("pxsup2", "demo1234", "计划审核员二", CENTRE, Set.of(Role.SUPERVISOR), false, true);
        users.createIfAbsent("pxclerk", "demo1234", "服务点办事员", DESK, Set.of(Role.CLERK), false, true);
        users.createIfAbsent("pxsupother", "demo1234", "外省审核员", "PX-140000", Set.of(Role.SUPERVISOR), false,
                true);
        users.createIfAbsent("pxmaker", "demo1234", "制卡员", MAKER, Set.of(Role.PRODUCTION), false, true);
        users.createIfAbsent("pxmaker2", "demo1234", "省级制卡员", MAKER_PROVINCE, Set.of(Role.PRODUCTION), false,
                true);
        for (String maker : List.of(MAKER, MAKER_PROVINCE)) {
            try {
                device.currentKey(KeyId.transportLabel(maker));
            } catch (CryptoException e) {
                device.generateSymmetricKey(KeyId.transportLabel(maker), KeyUsage.KEY_ENCRYPTION);
            }
        }
        for (int city = 1; city <= 9; city++) {
            cityKeys(device, "150" + city + "00");
        }
    }

    /**
     * The level-3 roots of the card application keys of {@code cities} (XXXX00), as the key ceremonies would leave them
     * (a batch's data file needs its city's roots, decision 027 §3b).
     */
    public static void cityKeys(CryptoDevice device, String... cities) {
        for (String cityCode : cities) {
            for (String purpose : List.of("app-data-read", "internal-auth")) {
                String label = "hc." + purpose + "." + cityCode;
                if (device.versions(label).stream().noneMatch(k -> k.state() == cn.healthcard.crypto.device.KeyState.ACTIVE)) {
                    device.generateSymmetricKey(label, KeyUsage.DERIVATION);
                }
            }
        }
    }

    private static void institution(InstitutionService institutions, String code, String name, String region,
                                    InstitutionKind kind) {
        institutions.registerIfAbsent(new InstitutionForm(code, name, kind, region, null, "联系人", "0471-0000000",
                "测试地址", "负责人", null, null, null, null));
    }

    private static void maker(InstitutionService institutions, String code, String name, String region,
                              String credit) {
        institutions.registerIfAbsent(new InstitutionForm(code, name, InstitutionKind.CARD_MAKER, region, null, "联系人",
                "0471-0000000", "测试地址", "负责人", null, null, credit, null));
    }

    /** {@code count} queued batch orders of new residents at {@code desk} (region = the desk's). */
    public static List<String> queue(ProductionOrders orders, ResidentService residents,
                                     org.springframework.transaction.support.TransactionTemplate tx, String desk,
                                     String region, int count) {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String residentId = SecurityContextUsers.runAsSystem(() ->
                    tx.execute(t -> residents.register(TestResidents.newResident("制卡测试"), region).id()));
            String caseId = "PXC-" + UUID.randomUUID();
            SecurityContextUsers.runAsSystem(() -> orders.requestCardProduction(
                    new ProductionRequest(caseId, residentId, region, desk)));
            cases.add(caseId);
        }
        return cases;
    }
}
