package cn.healthcard.samsupply;

import cn.healthcard.common.RegionCode;
import cn.healthcard.filing.FiledProducts;
import cn.healthcard.filing.FilingFixtures;
import cn.healthcard.filing.FilingService;
import cn.healthcard.filing.ManufacturerRegistration;
import cn.healthcard.filing.ManufacturerService;
import cn.healthcard.filing.ProductType;
import cn.healthcard.filing.ProviderType;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.logistics.ReceiverService;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import org.springframework.context.ApplicationContext;

import java.util.EnumSet;
import java.util.Set;

/**
 * The SAM supply tests' own world in Guizhou (520000), apart from the demo data and other test classes: the provincial
 * centre, the 贵阳 and 遵义 city centres, a hospital in each city, a SAM maker with a SAM filing in force and one without,
 * and their people (password demo1234).
 */
public final class SamSupplyFixtures {

    public static final String PROVINCE = "GZS-520000";
    public static final String GUIYANG = "GZS-520100";
    public static final String ZUNYI = "GZS-520300";
    public static final String HOSPITAL = "GZS-H-520102";
    public static final String ZUNYI_HOSPITAL = "GZS-H-520302";
    public static final String MAKER = "GZS-SM-520000";
    public static final String UNFILED_MAKER = "GZS-SM-520000-X";
    public static final String MAKER_CREDIT = withCheck("91520000MA0GUCM01");
    public static final String UNFILED_CREDIT = withCheck("91520000MA0GUCM02");
    /** 贵阳 city centre clerk; 遵义 city centre clerk. */
    public static final String CLERK = "gzsclerk";
    public static final String ZUNYI_CLERK = "gzsclerk2";
    /** Supervisors of the province, of 贵阳 (a city) and of the national centre. */
    public static final String PROVINCE_SUP = "gzsprov";
    public static final String CITY_SUP = "gzscity";
    public static final String NATIONAL_SUP = "gzsnat";
    /** The province's keeper (authorised receiver), the hospital's authorised keeper and one who is not. */
    public static final String KEEPER = "gzskeeper";
    public static final String HOSPITAL_KEEPER = "gzshkeeper";
    public static final String HOSPITAL_KEEPER2 = "gzshkeeper2";
    public static final String MAKER_OPERATOR = "gzsmaker";
    /** 贵阳 city centre's keeper (authorised receiver). */
    public static final String CITY_KEEPER = "gzscitykeeper";
    /** Another province (河南 410000) with a city centre, a hospital, a clerk and the provincial supervisor. */
    public static final String OTHER_PROVINCE = "HNS-410000";
    public static final String OTHER_CITY = "HNS-410100";
    public static final String OTHER_HOSPITAL = "HNS-H-410102";
    public static final String OTHER_CLERK = "ynsclerk";
    public static final String OTHER_PROVINCE_SUP = "ynsprov";

    private SamSupplyFixtures() {
    }

    public static void ensure(ApplicationContext context) {
        InstitutionService institutions = context.getBean(InstitutionService.class);
        UserAdministration users = context.getBean(UserAdministration.class);
        centre(institutions, PROVINCE, "贵州省居民健康卡注册管理中心（SAM测试）", "520000");
        centre(institutions, GUIYANG, "贵阳市居民健康卡注册管理中心（SAM测试）", "520100");
        centre(institutions, ZUNYI, "遵义市居民健康卡注册管理中心（SAM测试）", "520300");
        institutions.registerIfAbsent(new Institution(HOSPITAL, "贵阳市南明区人民医院（SAM测试）", RegionCode.of("520102"),
                InstitutionKind.MEDICAL));
        institutions.registerIfAbsent(new Institution(ZUNYI_HOSPITAL, "遵义市红花岗区人民医院（SAM测试）",
                RegionCode.of("520302"), InstitutionKind.MEDICAL));
        centre(institutions, OTHER_PROVINCE, "河南省居民健康卡注册管理中心（SAM测试）", "410000");
        centre(institutions, OTHER_CITY, "郑州市居民健康卡注册管理中心（SAM测试）", "410100");
        institutions.registerIfAbsent(new Institution(OTHER_HOSPITAL, "郑州市中原区人民医院（SAM测试）",
                RegionCode.of("410102"), InstitutionKind.MEDICAL));
        users.createIfAbsent(OTHER_CLERK, "demo1234", "滇经办", OTHER_CITY, Set.of(Role.CLERK), false, true);
        users.createIfAbsent(OTHER_PROVINCE_SUP, "demo1234", "滇审核", OTHER_PROVINCE, Set.of(Role.SUPERVISOR), false,
                true);
        maker(institutions, MAKER, "贵州SAM卡制卡机构（测试）", MAKER_CREDIT);
        maker(institutions, UNFILED_MAKER, "贵州未备案SAM卡制卡机构（测试）", UNFILED_CREDIT);
        users.createIfAbsent(CLERK, "demo1234", "筑经办", GUIYANG, Set.of(Role.CLERK), false, true);
        users.createIfAbsent(ZUNYI_CLERK, "demo1234", "遵经办", ZUNYI, Set.of(Role.CLERK), false, true);
        users.createIfAbsent(PROVINCE_SUP, "demo1234", "黔审核", PROVINCE, Set.of(Role.SUPERVISOR), false, true);
        users.createIfAbsent(CITY_SUP, "demo1234", "筑审核", GUIYANG, Set.of(Role.SUPERVISOR), false, true);
        users.createIfAbsent(NATIONAL_SUP, "demo1234", "部审核", "NHC-000000", Set.of(Role.SUPERVISOR), false, true);
        users.createIfAbsent(KEEPER, "demo1234", "黔库管", PROVINCE, Set.of(Role.WAREHOUSE), true, true);
        users.createIfAbsent(HOSPITAL_KEEPER, "demo1234", "院库管", HOSPITAL, Set.of(Role.WAREHOUSE), true, true);
        users.createIfAbsent(HOSPITAL_KEEPER2, "demo1234", "院库管二", HOSPITAL, Set.of(Role.WAREHOUSE), false,
                true);
        users.createIfAbsent(MAKER_OPERATOR, "demo1234", "黔制卡", MAKER, Set.of(Role.PRODUCTION), false, true);
        ReceiverService receivers = context.getBean(ReceiverService.class);
        receivers.grantIfAbsent(PROVINCE, KEEPER);
        receivers.grantIfAbsent(HOSPITAL, HOSPITAL_KEEPER);
        users.createIfAbsent(CITY_KEEPER, "demo1234", "筑库管", GUIYANG, Set.of(Role.WAREHOUSE), true, true);
        receivers.grantIfAbsent(GUIYANG, CITY_KEEPER);
        fileSam(context);
    }

    /** A SAM product filed and in force for {@link #MAKER}'s credit code (through the filing case). */
    private static void fileSam(ApplicationContext context) {
        FiledProducts filed = context.getBean(FiledProducts.class);
        if (filed.hasFilingInForce(ProductType.SAM, MAKER_CREDIT)) {
            return;
        }
        TestUsers as = context.getBean(TestUsers.class);
        ManufacturerService manufacturers = context.getBean(ManufacturerService.class);
        FilingService filings = context.getBean(FilingService.class);
        TaskInboxService inbox = context.getBean(TaskInboxService.class);
        UserAdministration users = context.getBean(UserAdministration.class);
        users.createIfAbsent("natclerk", "demo1234", "国家经办", "NHC-000000", Set.of(Role.CLERK), false, true);
        var manufacturer = as.as("admin", () -> manufacturers.list().stream()
                .filter(m -> MAKER_CREDIT.equals(m.creditCode())).findFirst()
                .orElseGet(() -> manufacturers.register(new ManufacturerRegistration("贵州SAM卡测试厂商", MAKER_CREDIT,
                        EnumSet.of(ProviderType.CHIP_PROVIDER), "黔联系", "0851-0000000", null))));
        var filing = as.as("natclerk", () -> filings.submit(FilingFixtures.application(manufacturer.id(),
                ProductType.SAM, FilingFixtures.model("GZSAM"))));
        String taskId = FilingFixtures.task(inbox, as, NATIONAL_SUP, filing.caseNo(), FilingService.REVIEW_TASK)
                .taskId();
        as.as(NATIONAL_SUP, () -> filings.review(taskId, Review.of(Review.Outcome.APPROVE, "予以备案")));
    }

    private static void centre(InstitutionService institutions, String code, String name, String region) {
        institutions.registerIfAbsent(new Institution(code, name, RegionCode.of(region),
                InstitutionKind.REGISTRATION_CENTRE));
    }

    private static void maker(InstitutionService institutions, String code, String name, String credit) {
        institutions.registerIfAbsent(new InstitutionForm(code, name, InstitutionKind.CARD_MAKER, "520000", null,
                "联系人", "0851-0000000", "测试地址", "负责人", null, null, credit, null));
    }

    /** The open task of a case at a step, as the user sees it in the inbox. */
    public static String task(TaskInboxService inbox, TestUsers as, String user, String businessKey, String step) {
        return as.as(user, () -> inbox.find(TaskFilter.all(), 0, 500)).stream()
                .filter(t -> businessKey.equals(t.businessKey()) && step.equals(t.taskDefinitionKey()))
                .findFirst().orElseThrow(() -> new AssertionError(user + " sees no task " + step + " of "
                        + businessKey)).taskId();
    }

    /** GB 32100: the 18th character of a unified social credit code from its first 17. */
    static String withCheck(String first17) {
        String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += chars.indexOf(first17.charAt(i)) * weights[i];
        }
        int check = 31 - sum % 31;
        return first17 + chars.charAt(check == 31 ? 0 : check);
    }
}
