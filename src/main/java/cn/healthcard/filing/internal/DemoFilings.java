package cn.healthcard.filing.internal;

import cn.healthcard.filing.AttachmentKind;
import cn.healthcard.filing.FiledProducts;
import cn.healthcard.filing.FilingApplication;
import cn.healthcard.filing.FilingService;
import cn.healthcard.filing.FilingView;
import cn.healthcard.filing.ManufacturerRegistration;
import cn.healthcard.filing.ManufacturerService;
import cn.healthcard.filing.ManufacturerView;
import cn.healthcard.filing.NewAttachment;
import cn.healthcard.filing.ProductType;
import cn.healthcard.filing.ProviderType;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.Review;
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

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Demo filings (demo profile only, after the demo institutions and users): the national centre's reviewer
 * {@code natsupervisor} and desk clerk {@code natclerk}, two manufacturers — 康联终端 bound to the demo machine client
 * {@code termdemo} (scope {@code filing}) — and the filed terminal model {@value #TERMINAL_MODEL} that terminal
 * registration names, filed through the real case (desk submission, review, approval).
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "healthcard.demo.enabled", havingValue = "true")
class DemoFilings implements ApplicationRunner {

    static final String TERMINAL_MODEL = "HC-T100";
    /** The unified social credit code of the demo terminal manufacturer (terminals name it with the model). */
    static final String TERMINAL_MAKER = "91110105MA01KLWD3X";
    /**
     * The unified social credit code of the demo card manufacturer, whose CARD product is filed: the demo card maker
     * CM-110000 carries it in the register, which makes it eligible for production plans (decision 027).
     */
    static final String CARD_MAKER = "91110108MA01HCKP7G";
    static final String CARD_MODEL = "HC-C200";
    private static final String PASSWORD = "demo1234";
    private static final Logger log = LoggerFactory.getLogger(DemoFilings.class);
    private static final byte[] PDF = "%PDF-1.4\n% demo certificate\n%%EOF\n".getBytes();

    private final UserAdministration users;
    private final ApiClientAdministration clients;
    private final UserDetailsService userDetails;
    private final ManufacturerService manufacturers;
    private final FilingService filings;
    private final FiledProducts filed;
    private final CaseTasks tasks;

    DemoFilings(UserAdministration users, ApiClientAdministration clients, UserDetailsService userDetails,
                ManufacturerService manufacturers, FilingService filings, FiledProducts filed, CaseTasks tasks) {
        this.users = users;
        this.clients = clients;
        this.userDetails = userDetails;
        this.manufacturers = manufacturers;
        this.filings = filings;
        this.filed = filed;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        users.createIfAbsent("natclerk", PASSWORD, "吴备案", "NHC-000000", Set.of(Role.CLERK), false, true);
        users.createIfAbsent("natsupervisor", PASSWORD, "郑备审", "NHC-000000", Set.of(Role.SUPERVISOR), false, true);
        as("admin", () -> {
            clients.createIfAbsent("termdemo", PASSWORD, "康联终端备案接入", "NHC-000000", Set.of("filing"), true);
            return null;
        });
        fileDemoCard();
        if (filed.isFiled(ProductType.TERMINAL, TERMINAL_MAKER, TERMINAL_MODEL)) {
            return;
        }
        ManufacturerView terminalMaker = as("admin", () -> manufacturers.list().stream()
                .filter(m -> "termdemo".equals(m.apiClientId())).findFirst()
                .orElseGet(() -> manufacturers.register(new ManufacturerRegistration("康联终端科技有限公司",
                        TERMINAL_MAKER, EnumSet.of(ProviderType.TERMINAL_PROVIDER), "钱经理", "010-65001234",
                        "termdemo"))));
        as("admin", () -> manufacturers.list().stream().filter(m -> m.name().equals("华芯微电子有限公司")).findFirst()
                .orElseGet(() -> manufacturers.register(new ManufacturerRegistration("华芯微电子有限公司",
                        "91310115MA1HXWD88Q", EnumSet.of(ProviderType.CHIP_PROVIDER, ProviderType.COS_DEVELOPER),
                        "孙工", "021-50801234", null))));
        FilingView f = as("natclerk", () -> filings.submit(new FilingApplication(terminalMaker.id(),
                ProductType.TERMINAL, TERMINAL_MODEL, "1.0", "居民健康卡读写终端（演示）", List.of(
                new NewAttachment(AttachmentKind.CERTIFICATE, "资质证书.pdf", "application/pdf", PDF),
                new NewAttachment(AttachmentKind.TEST_REPORT, "检测报告.pdf", "application/pdf", PDF)))));
        as("natsupervisor", () -> {
            String taskId = tasks.requireAt(f.caseNo(), Set.of(FilingService.PROCESS_KEY), FilingService.REVIEW_TASK,
                    "审核").taskId();
            return filings.review(taskId, Review.of(Review.Outcome.APPROVE, "演示数据：材料齐全，予以备案"));
        });
        log.info("Demo filing: terminal model {} filed for 康联终端科技有限公司", TERMINAL_MODEL);
    }

    private void fileDemoCard() {
        if (filed.hasFilingInForce(ProductType.CARD, CARD_MAKER)) {
            return;
        }
        ManufacturerView cardMaker = as("admin", () -> manufacturers.list().stream()
                .filter(m -> CARD_MAKER.equals(m.creditCode())).findFirst()
                .orElseGet(() -> manufacturers.register(new ManufacturerRegistration("北京居民健康卡个人化中心有限公司",
                        CARD_MAKER, EnumSet.of(ProviderType.CARD_MAKER), "周经理", "010-82800001", null))));
        FilingView f = as("natclerk", () -> filings.submit(new FilingApplication(cardMaker.id(), ProductType.CARD,
                CARD_MODEL, "1.0", "居民健康卡卡片（演示）", List.of(
                new NewAttachment(AttachmentKind.CERTIFICATE, "资质证书.pdf", "application/pdf", PDF),
                new NewAttachment(AttachmentKind.TEST_REPORT, "检测报告.pdf", "application/pdf", PDF)))));
        as("natsupervisor", () -> {
            String taskId = tasks.requireAt(f.caseNo(), Set.of(FilingService.PROCESS_KEY), FilingService.REVIEW_TASK,
                    "审核").taskId();
            return filings.review(taskId, Review.of(Review.Outcome.APPROVE, "演示数据：材料齐全，予以备案"));
        });
        log.info("Demo filing: card model {} filed for the demo card maker {}", CARD_MODEL, CARD_MAKER);
    }

    private <T> T as(String username, Supplier<T> action) {
        var principal = userDetails.loadUserByUsername(username);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(principal, null, principal.getAuthorities()));
        var previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
