package cn.healthcard.demo;

import cn.healthcard.card.BlacklistService;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.institution.MedicalCategory;
import cn.healthcard.institution.MedicalNature;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.keys.CeremonyRequest;
import cn.healthcard.keys.KeyHierarchy;
import cn.healthcard.keys.KeyLevel;
import cn.healthcard.keys.KeyCeremonyService;
import cn.healthcard.keys.KeyDistributionService;
import cn.healthcard.keys.KeyInventoryService;
import cn.healthcard.keys.KeyOperation;
import cn.healthcard.keys.KeyPurpose;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Demo institutions, users and two applications awaiting review, for the default profile
 * ({@code healthcard.demo.enabled=true}). Everything goes through the real services; the prod profile refuses
 * to start while demo users exist.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "healthcard.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "demo1234";
    /**
     * The demo receivers' SM2 transport public key: the example key pair of GM/T 0003.5 (its private key is published,
     * so envelopes to it are for the demo only; a real receiver sends its own device's transport public key).
     */
    static final String DEMO_RECEIVER_PUBLIC_KEY = "04"
            + "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
            + "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final InstitutionService institutions;
    private final UserAdministration users;
    private final ApiClientAdministration clients;
    private final UserDetailsService userDetails;
    private final CardApplicationService applications;
    private final ResidentService residents;
    private final BlacklistService blacklist;
    private final TaskInboxService inbox;
    private final KeyInventoryService keys;
    private final KeyCeremonyService ceremonies;
    private final KeyDistributionService distribution;

    DemoData(InstitutionService institutions, UserAdministration users, ApiClientAdministration clients,
             UserDetailsService userDetails,
             CardApplicationService applications, ResidentService residents, BlacklistService blacklist,
             TaskInboxService inbox, KeyInventoryService keys, KeyCeremonyService ceremonies,
             KeyDistributionService distribution) {
        this.institutions = institutions;
        this.users = users;
        this.clients = clients;
        this.userDetails = userDetails;
        this.applications = applications;
        this.residents = residents;
        this.blacklist = blacklist;
        this.inbox = inbox;
        this.keys = keys;
        this.ceremonies = ceremonies;
        this.distribution = distribution;
    }

    @Override
    public void run(ApplicationArguments args) {
        // the register's demo rows with each kind's fields (decision 023): centres first, each under the one above
        institution("NHC-000000", "国家卫生健康委居民健康卡注册管理中心", "000000", InstitutionKind.REGISTRATION_CENTRE,
                "国家中心办公室", "010-68790000", "北京市西城区西直门外南路1号", "国家中心主任");
        institution("BJ-110000", "北京市居民健康卡注册管理中心", "110000", InstitutionKind.REGISTRATION_CENTRE,
                "北京中心办公室", "010-83970000", "北京市西城区枣林前街70号", "北京中心主任");
        institution("BJ-110105", "北京市朝阳区居民健康卡服务中心", "110105", InstitutionKind.SERVICE_POINT,
                "朝阳服务中心前台", "010-65090000", "北京市朝阳区日坛北路33号", "朝阳服务中心负责人");
        institution("SH-310000", "上海市居民健康卡注册管理中心", "310000", InstitutionKind.REGISTRATION_CENTRE,
                "上海中心办公室", "021-23110000", "上海市黄浦区世博村路300号", "上海中心主任");
        institution("SH-310104", "上海市徐汇区居民健康卡服务中心", "310104", InstitutionKind.SERVICE_POINT,
                "徐汇服务中心前台", "021-64870000", "上海市徐汇区漕溪北路336号", "徐汇服务中心负责人");
        institution("CM-110000", "北京居民健康卡个人化中心（演示制卡机构）", "110000", InstitutionKind.CARD_MAKER,
                "制卡部", "010-82800000", "北京市海淀区中关村演示园1号", "制卡中心经理");
        institution("FI-110000", "演示银行北京分行（合作金融机构）", "110000", InstitutionKind.FINANCIAL,
                "银行卡部", "010-66100000", "北京市西城区金融大街演示1号", "分行行长");
        institutions.registerIfAbsent(new InstitutionForm("MI-110105", "北京市朝阳区演示医院", InstitutionKind.MEDICAL,
                "110105", null, "医务科", "010-85230000", "北京市朝阳区演示路8号", "演示医院院长",
                MedicalNature.PUBLIC, MedicalCategory.GENERAL_HOSPITAL, "12110105400000001H",
                "PDY00001X11010517A1001"));

        user("clerk", "王经办", "BJ-110105", false, Role.CLERK);
        user("clerk2", "李经办", "BJ-110105", false, Role.CLERK);
        user("supervisor", "赵审核", "BJ-110105", false, Role.SUPERVISOR);
        user("lead", "钱组长", "BJ-110105", true, Role.SUPERVISOR);
        user("auditor", "孙审计", "BJ-110000", false, Role.AUDITOR);
        user("production", "吴制卡", "BJ-110000", false, Role.PRODUCTION);
        user("warehouse", "郑库管", "BJ-110000", false, Role.WAREHOUSE);
        user("admin", "周管理", "NHC-000000", false, Role.ADMIN);
        user("admin2", "吴管理", "NHC-000000", false, Role.ADMIN); // the second admin of a process change (decision 032)
        user("shclerk", "陈经办", "SH-310104", false, Role.CLERK);
        user("shsupervisor", "林审核", "SH-310104", false, Role.SUPERVISOR);
        user("keyadmin", "冯密管", "NHC-000000", false, Role.KEY_ADMIN);
        user("keyadmin2", "褚密管", "NHC-000000", false, Role.KEY_ADMIN);
        // the regional platform is a machine client (decision 020): a bearer token from /oauth2/token, or HTTP Basic
        clients.createIfAbsent("platform", PASSWORD, "区域卫生信息平台接口", "BJ-110105",
                Set.of("card-applications", "cards", "lifecycle", "ehc"), true);
        demoKeys();

        if (residents.findByDocument("01", "11010020171225006X").isEmpty()
                && residents.findByDocument("01", "110105199003071239").isEmpty()) {
            // listed by the Chaoyang supervisor: the entry belongs to 110105 (its centres manage it, ORG-05)
            as("supervisor", () -> blacklist.addResident(
                    residents.documentIndex("01", "11010020171225006X"), "演示：冒用证件，暂停办卡资格"));
            String[] approved = new String[1];
            as("clerk", () -> {
                applications.submit(resident("11010519491231002X", "刘桂兰", "2", LocalDate.of(1949, 12, 31)));
                applications.submit(resident("110105199003071239", "张建国", "1", LocalDate.of(1990, 3, 7)));
                approved[0] = applications.submit(resident("110105198506010011", "李明", "1",
                        LocalDate.of(1985, 6, 1))).applicationId();
            });
            as("supervisor", () -> inbox.find(TaskFilter.all(), 0, 50).stream()
                    .filter(t -> approved[0].equals(t.businessKey())).findFirst()
                    .ifPresent(t -> applications.review(t.taskId(), cn.healthcard.workflow.Review.approve())));
            log.info("demo data: 2 applications await review, 1 is being produced; users {} with password {}",
                    "clerk, supervisor, …", PASSWORD);
        }
    }

    /**
     * The demo key hierarchy — national roots, Beijing and Shanghai for both e-card purposes (the application-data-read
     * key makes the e-card IDs, the internal-authentication key protects the dynamic QR codes of the province:
     * decision 017), and Beijing's districts (110100) for the application-data-read key — each generated in a key
     * ceremony started by {@code keyadmin} and co-signed by {@code keyadmin2}; and the demo receivers with their
     * transport keys. Once (while no ceremony exists); labels the crypto device already holds are left as they are.
     */
    private void demoKeys() {
        boolean[] fresh = new boolean[1];
        as("keyadmin", () -> fresh[0] = ceremonies.ceremonies().isEmpty());
        if (!fresh[0]) {
            return;
        }
        as("keyadmin", () -> List.of("BJ-110000", "SH-310000", "CM-110000")
                .forEach(code -> distribution.registerReceiver(code, DEMO_RECEIVER_PUBLIC_KEY)));
        for (KeyPurpose purpose : KeyPurpose.values()) {
            generate(purpose, KeyLevel.NATIONAL, null);
            generate(purpose, KeyLevel.PROVINCIAL, "110000");
            generate(purpose, KeyLevel.PROVINCIAL, "310000");
        }
        for (KeyPurpose purpose : KeyPurpose.values()) {
            // the cities' level-3 roots: each card's application keys in a production data file derive from them
            generate(purpose, KeyLevel.CITY, "110100");
            generate(purpose, KeyLevel.CITY, "310100");
        }
        log.info("demo data: key hierarchy of the e-card keys; key administrators keyadmin, keyadmin2");
    }

    private void generate(KeyPurpose purpose, KeyLevel level, String region) {
        String label = KeyHierarchy.position(purpose, level, region).label();
        String[] ceremony = new String[1];
        as("keyadmin", () -> {
            if (keys.keys().stream().noneMatch(k -> k.label().equals(label))) {
                ceremony[0] = ceremonies.startCeremony(new CeremonyRequest(KeyOperation.GENERATE, purpose,
                        level, region, null, null, List.of(), "演示：建立居民健康卡密钥体系")).id();
            }
        });
        if (ceremony[0] != null) {
            as("keyadmin2", () -> inbox.find(new TaskFilter(TaskFilter.Scope.ALL, KeyCeremonyService.PROCESS_KEY,
                            null, null, null, null), 0, 50).stream()
                    .filter(t -> ceremony[0].equals(t.businessKey())).findFirst()
                    .ifPresent(t -> ceremonies.coSign(t.taskId(), KeyCeremonyService.coSignature("APPROVE", "演示复核"))));
        }
    }

    private void institution(String code, String name, String region, InstitutionKind kind, String contact,
                             String phone, String address, String head) {
        institutions.registerIfAbsent(new InstitutionForm(code, name, kind, region, null, contact, phone, address, head,
                null, null, null, null));
    }

    private void user(String username, String name, String institution, boolean lead, Role... roles) {
        users.createIfAbsent(username, PASSWORD, name, institution, Set.of(roles), lead, true);
    }

    private void as(String username, Runnable action) {
        var principal = userDetails.loadUserByUsername(username);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(principal, null, principal.getAuthorities()));
        var previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        try {
            action.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    static ResidentData resident(String idNumber, String name, String sex, LocalDate birthDate) {
        return new ResidentData("01", idNumber, name, sex, "01", birthDate, "13800138000", "北京市朝阳区建国路1号",
                "A", "POSITIVE", null, photo(name));
    }

    /** A plain 358×441 PNG (the usual ID photo size) standing in for a camera shot. */
    static byte[] photo(String seed) {
        var image = new BufferedImage(358, 441, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xDCE8F5));
        g.fillRect(0, 0, 358, 441);
        g.setColor(new Color(0x4A6FA5 ^ (seed.hashCode() & 0x3F3F3F)));
        g.fillOval(109, 80, 140, 170);
        g.fillRoundRect(59, 270, 240, 200, 80, 80);
        g.dispose();
        try (var out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
