package cn.healthcard.filing;

import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * People, machine clients and manufacturers of the filing tests: the national centre's clerk ({@code natclerk}) and
 * supervisors ({@code natsupervisor}, {@code natsupervisor2}), Beijing's provincial admin ({@code bjadmin}), two
 * manufacturers' clients with scope {@code filing} ({@code chipclient}, {@code termclient}), a national client with
 * that scope bound to none ({@code unboundclient}) and one without it ({@code cardsclient}); files whose first bytes are what they claim.
 */
public final class FilingFixtures {

    public static final String SECRET = "demo1234";
    public static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes();
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
    private static final String CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FilingFixtures() {
    }

    /** The people and clients (idempotent: the test context is shared). */
    public static void people(UserAdministration users, ApiClientAdministration clients, TestUsers as) {
        users.createIfAbsent("natclerk", SECRET, "国家经办", "NHC-000000", Set.of(Role.CLERK), false, true);
        users.createIfAbsent("natsupervisor", SECRET, "国家审核", "NHC-000000", Set.of(Role.SUPERVISOR), false, true);
        users.createIfAbsent("natsupervisor2", SECRET, "国家复审", "NHC-000000", Set.of(Role.SUPERVISOR), false, true);
        // a national person who both completes applications and reviews: never both on the same application
        users.createIfAbsent("natdual", SECRET, "国家经办兼审核", "NHC-000000", Set.of(Role.CLERK, Role.SUPERVISOR),
                false, true);
        users.createIfAbsent("bjadmin", SECRET, "北京管理", "BJ-110000", Set.of(Role.ADMIN), false, true);
        users.createIfAbsent("bjsupervisor", SECRET, "北京审核", "BJ-110000", Set.of(Role.SUPERVISOR), false, true);
        as.run("admin", () -> {
            clients.createIfAbsent("chipclient", SECRET, "芯片厂商接入", "NHC-000000", Set.of("filing"), true);
            clients.createIfAbsent("termclient", SECRET, "终端厂商接入", "NHC-000000", Set.of("filing"), true);
            // a national client with the filing scope bound to no manufacturer, and one without the filing scope
            clients.createIfAbsent("unboundclient", SECRET, "未绑定的备案接入", "NHC-000000", Set.of("filing"), true);
            clients.createIfAbsent("cardsclient", SECRET, "卡片接入", "NHC-000000", Set.of("cards"), true);
        });
    }

    /** A valid, unused unified social credit code. */
    public static String creditCode() {
        StringBuilder b = new StringBuilder("91110105");
        for (int i = 0; i < 10; i++) {
            b.append(CODE_CHARS.charAt(RANDOM.nextInt(CODE_CHARS.length())));
        }
        return b.toString();
    }

    /** A model no other test uses. */
    public static String model(String prefix) {
        return prefix + "-" + Long.toString(Math.abs(RANDOM.nextLong()), 36).substring(0, 8).toUpperCase();
    }

    /** Records a manufacturer (as the national admin), bound to the client if one is given. */
    public static ManufacturerView manufacturer(ManufacturerService manufacturers, TestUsers as, String name,
                                                String client, ProviderType... types) {
        return as.as("admin", () -> manufacturers.register(new ManufacturerRegistration(name, creditCode(),
                EnumSet.copyOf(List.of(types)), "张联系", "010-88886666", client)));
    }

    /** The binding of a client is unique: a client's manufacturer once made is found again. */
    public static ManufacturerView boundManufacturer(ManufacturerService manufacturers, TestUsers as, String client,
                                                     String name, ProviderType... types) {
        List<ManufacturerView> own = as.as(client, manufacturers::list);
        return own.stream().filter(m -> client.equals(m.apiClientId())).findFirst()
                .orElseGet(() -> manufacturer(manufacturers, as, name, client, types));
    }

    public static List<NewAttachment> files() {
        return List.of(new NewAttachment(AttachmentKind.CERTIFICATE, "资质证书.pdf", "application/pdf", PDF),
                new NewAttachment(AttachmentKind.TEST_REPORT, "检测报告.png", "image/png", PNG));
    }

    public static FilingApplication application(String manufacturerId, ProductType type, String model) {
        return new FilingApplication(manufacturerId, type, model, "1.0", "测试产品", files());
    }

    /** The open task of the case at the step, as the national supervisor sees it. */
    public static TaskRef task(TaskInboxService inbox, TestUsers as, String user, String caseNo, String step) {
        return as.as(user, () -> inbox.find(TaskFilter.all(), 0, 1000)).stream()
                .filter(t -> caseNo.equals(t.businessKey()) && step.equals(t.taskDefinitionKey()))
                .findFirst().orElseThrow(() -> new AssertionError("no task " + step + " of " + caseNo));
    }
}
