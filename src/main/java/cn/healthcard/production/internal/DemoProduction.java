package cn.healthcard.production.internal;

import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.ProductionOrders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import cn.healthcard.production.ProductionRequest;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;

/**
 * Demo production orders (demo profile only): {@code healthcard.production.demo-orders} queued batch orders of new
 * residents at the Chaoyang desk BJ-110105 (batch route in the demo), so 制卡计划 has something to plan. Seeded once.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "healthcard.demo.enabled", havingValue = "true")
class DemoProduction implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoProduction.class);
    private static final String[][] PEOPLE = {
            {"110105198803150010", "演示制卡甲", "1", "1988-03-15"},
            {"110105199107220024", "演示制卡乙", "2", "1991-07-22"},
            {"11010519751201003X", "演示制卡丙", "1", "1975-12-01"},
            {"110105200002290048", "演示制卡丁", "2", "2000-02-29"},
            {"110105196609300055", "演示制卡戊", "1", "1966-09-30"}};

    /**
     * The demo card maker's unified social credit code: that of the demo card manufacturer whose CARD product the demo
     * filings file (filing/internal/DemoFilings), so CM-110000 is eligible for production plans (decision 027).
     */
    static final String DEMO_MAKER = "CM-110000";
    static final String DEMO_MAKER_CREDIT_CODE = "91110108MA01HCKP7G";

    private final ProductionOrders orders;
    private final InstitutionService institutions;
    private final UserDetailsService userDetails;
    private final ResidentService residents;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int count;

    DemoProduction(ProductionOrders orders, InstitutionService institutions, UserDetailsService userDetails,
                   ResidentService residents, JdbcTemplate jdbc, TransactionTemplate tx,
                   @Value("${healthcard.production.demo-orders:3}") int count) {
        this.orders = orders;
        this.institutions = institutions;
        this.userDetails = userDetails;
        this.residents = residents;
        this.jdbc = jdbc;
        this.tx = tx;
        this.count = Math.min(count, PEOPLE.length);
    }

    @Override
    public void run(ApplicationArguments args) {
        giveTheMakerItsCreditCode();
        if (count <= 0 || jdbc.queryForObject("SELECT COUNT(*) FROM production_order WHERE case_id LIKE 'DEMO-PO-%'",
                Integer.class) > 0) {
            return;
        }
        SecurityContextUsers.runAsSystem(() -> {
            for (int i = 0; i < count; i++) {
                String[] p = PEOPLE[i];
                ResidentData data = new ResidentData("01", p[0], p[1], p[2], "01", LocalDate.parse(p[3]),
                        "13800138000", "北京市朝阳区建国路" + (i + 10) + "号", "A", "POSITIVE", null, photo(i));
                String residentId = residents.findByDocument("01", p[0]).orElseGet(() ->
                        tx.execute(t -> residents.register(data, "110105").id()));
                orders.requestCardProduction(new ProductionRequest("DEMO-PO-" + (i + 1), residentId, "110105",
                        "BJ-110105"));
            }
        });
        log.info("Demo production: {} queued batch orders at BJ-110105", count);
    }

    /** The register's CM-110000 names the demo card manufacturer (as the admin would, through a logged change). */
    private void giveTheMakerItsCreditCode() {
        var principal = userDetails.loadUserByUsername("admin");
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(principal, null, principal.getAuthorities()));
        var previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        try {
            InstitutionDetails maker = institutions.details(DEMO_MAKER);
            if (maker.creditCode() == null && maker.active()) {
                InstitutionForm form = InstitutionForm.of(maker);
                institutions.modify(DEMO_MAKER, maker.version(), new InstitutionForm(form.code(), form.name(),
                        form.kind(), form.regionCode(), form.superiorCode(), form.contact(), form.phone(),
                        form.address(), form.head(), null, null, DEMO_MAKER_CREDIT_CODE, null));
                log.info("Demo production: {} carries credit code {}", DEMO_MAKER, DEMO_MAKER_CREDIT_CODE);
            }
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private static byte[] photo(int i) {
        BufferedImage image = new BufferedImage(358, 441, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(200, 220, 240 - i * 10));
        g.fillRect(0, 0, 358, 441);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
