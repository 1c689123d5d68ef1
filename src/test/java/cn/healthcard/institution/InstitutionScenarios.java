package cn.healthcard.institution;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.PageQuery;
import cn.healthcard.common.RegionCode;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.security.access.AccessDeniedException;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The register's scenarios, run on H2 ({@link InstitutionIT}) and on PostgreSQL ({@link PostgresInstitutionIT}):
 * the same calls, the same answers, whatever the database.
 */
final class InstitutionScenarios {

    private final InstitutionService institutions;
    private final UserAdministration userAdministration;
    private final TestUsers users;
    private final ObjectMapper json = new ObjectMapper();

    InstitutionScenarios(InstitutionService institutions, UserAdministration userAdministration, TestUsers users) {
        this.institutions = institutions;
        this.userAdministration = userAdministration;
        this.users = users;
        users.run("admin", () -> InstitutionTestData.users(userAdministration));
    }

    /** The active centre of the region, registered by the national admin when there is none. */
    String centre(String region) {
        return users.as("admin", () -> {
            var found = institutions.search(new InstitutionQuery(null, InstitutionKind.REGISTRATION_CENTRE, null,
                    null, null, null, null, null, InstitutionStatus.ACTIVE), new PageQuery(0, 500)).items().stream()
                    .filter(d -> d.region().value().equals(region)).findFirst();
            return found.orElseGet(() -> institutions.register(InstitutionTestData.of(
                    InstitutionKind.REGISTRATION_CENTRE, InstitutionTestData.code("RC" + region), region))).code();
        });
    }

    /** Register, read, the superior filled in; others' scope and roles refused. */
    void registerAndRead() {
        String code = InstitutionTestData.code("H");
        InstitutionDetails d = users.as("bjadmin", () -> institutions.register(InstitutionTestData.medical(code,
                "110105")));
        assertThat(d.superiorCode()).isEqualTo("BJ-110000");
        assertThat(d.status()).isEqualTo(InstitutionStatus.ACTIVE);
        assertThat(d.version()).isZero();
        assertThat(d.registeredAt()).isNotNull();
        assertThat(users.as("bjauditor", () -> institutions.details(code))).isEqualTo(d);
        assertThat(institutions.within(RegionCode.of("110000"))).extracting(Institution::code).contains(code)
                .doesNotContain("SH-310000");
        assertThat(institutions.within(RegionCode.of("310000"))).extracting(Institution::code)
                .contains("SH-310000").doesNotContain(code);
        assertThat(users.as("supervisor", () -> institutions.details(code)).name()).isEqualTo(d.name()); // 110105
        assertThatThrownBy(() -> users.as("shadmin", () -> institutions.details(code)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("shsupervisor", () -> institutions.details(code)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("clerk", () -> institutions.details(code)))
                .isInstanceOf(AccessDeniedException.class);
        // the code is taken, also for another region's admin (who learns no more than that)
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.register(InstitutionTestData.medical(code,
                "110105")))).isInstanceOf(DomainValidationException.class).hasMessageContaining("code");
    }

    /** Register refused: wrong role, another region, above one's own region. */
    void registerRefused() {
        assertThatThrownBy(() -> users.as("bjauditor", () -> institutions.register(InstitutionTestData.medical(
                InstitutionTestData.code("H"), "110105")))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("supervisor", () -> institutions.register(InstitutionTestData.medical(
                InstitutionTestData.code("H"), "110105")))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("shadmin", () -> institutions.register(InstitutionTestData.medical(
                InstitutionTestData.code("H"), "110105")))).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("regionCode").hasMessageContaining("不在您的管辖范围内");
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.register(InstitutionTestData.of(
                InstitutionKind.REGISTRATION_CENTRE, InstitutionTestData.code("RC"), "000000"))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("regionCode");
        String tooLong = "X".repeat(33);
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.register(InstitutionTestData.medical(
                tooLong, "110105")))).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("code: 「机构代码」不能超过32个字符");
    }

    /** The combined query with every filter, and its scope. */
    void search() {
        String hospital = InstitutionTestData.code("SQ");
        String bank = InstitutionTestData.code("SQB");
        String marker = "检索" + hospital;
        InstitutionForm h = InstitutionTestData.renamed(InstitutionTestData.medical(hospital, "110108"),
                marker + "医院");
        InstitutionForm b = InstitutionTestData.renamed(InstitutionTestData.of(InstitutionKind.FINANCIAL, bank,
                "110000"), marker + "银行");
        users.run("bjadmin", () -> {
            institutions.register(h);
            institutions.register(b);
        });
        LocalDate today = LocalDate.now(cn.healthcard.common.ChinaTime.ZONE);
        users.run("bjauditor", () -> {
            assertThat(codes(q(marker, null, null, null, null, null, null, null, null))).containsExactly(bank, hospital);
            assertThat(codes(q(marker, InstitutionKind.MEDICAL, null, null, null, null, null, null, null)))
                    .containsExactly(hospital);
            assertThat(codes(q(marker, null, MedicalNature.PUBLIC, null, null, null, null, null, null)))
                    .containsExactly(hospital);
            assertThat(codes(q(marker, null, MedicalNature.PRIVATE, null, null, null, null, null, null))).isEmpty();
            assertThat(codes(q(marker, null, null, null, MedicalCategory.GENERAL_HOSPITAL, null, null, null, null)))
                    .containsExactly(hospital);
            assertThat(codes(q(marker, null, null, "110105", null, null, null, null, null))).isEmpty();
            assertThat(codes(q(marker, null, null, "110000", null, null, null, null, null)))
                    .containsExactly(bank, hospital); // with sub-regions
            assertThat(codes(q(marker, null, null, "110108", null, null, null, null, null)))
                    .containsExactly(hospital);
            assertThat(codes(q(null, null, null, null, null, bank, null, null, null))).containsExactly(bank);
            assertThat(codes(q(marker, null, null, null, null, null, today, today, null))).hasSize(2);
            assertThat(codes(q(marker, null, null, null, null, null, today.plusDays(1), null, null))).isEmpty();
            assertThat(codes(q(marker, null, null, null, null, null, null, today.minusDays(1), null))).isEmpty();
            assertThat(codes(q(marker, null, null, null, null, null, null, null, InstitutionStatus.CANCELLED)))
                    .isEmpty();
            // a LIKE wildcard in the name is a character, not a pattern
            assertThat(codes(q("%", null, null, null, null, null, null, null, null))).isEmpty();
            InstitutionPage page = institutions.search(q(marker, null, null, null, null, null, null, null, null),
                    new PageQuery(1, 1));
            assertThat(page.total()).isEqualTo(2);
            assertThat(page.items()).extracting(InstitutionDetails::code).containsExactly(hospital);
        });
        users.run("shadmin", () -> {
            assertThat(codes(q(marker, null, null, null, null, null, null, null, null))).isEmpty();
            assertThat(codes(q(null, null, null, "110000", null, null, null, null, null))).isEmpty();
            assertThat(institutions.search(InstitutionQuery.all(), null).items())
                    .allSatisfy(d -> assertThat(d.region().value()).startsWith("31"));
        });
        assertThatThrownBy(() -> users.as("clerk", () -> institutions.search(InstitutionQuery.all(), null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("bjauditor", () -> institutions.search(InstitutionQuery.all(),
                new PageQuery(0, 501)))).isInstanceOf(DomainValidationException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> users.as("bjauditor", () -> institutions.search(q(null, null, null, null, null,
                null, today, today.minusDays(1), null), null))).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("registeredFrom");
    }

    /** Modify with versions: a stale version and two admins at once give 409 to the second. */
    void modifyAndVersions() throws Exception {
        String code = InstitutionTestData.code("M");
        InstitutionForm form = InstitutionTestData.of(InstitutionKind.CARD_MAKER, code, "110000");
        InstitutionDetails v0 = users.as("bjadmin", () -> institutions.register(form));
        InstitutionDetails v1 = users.as("admin", () -> institutions.modify(code, v0.version(),
                InstitutionTestData.renamed(form, "改名一")));
        assertThat(v1.version()).isEqualTo(v0.version() + 1);
        assertThat(v1.name()).isEqualTo("改名一");
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.modify(code, v0.version(),
                InstitutionTestData.renamed(form, "改名二"))))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("INSTITUTION_VERSION"));
        // two admins at the same moment with the same version: one wins, the other gets the version conflict
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = two.submit(() -> attempt(start, "bjadmin", code, v1.version(),
                    InstitutionTestData.renamed(form, "甲改")));
            Future<String> b = two.submit(() -> attempt(start, "admin", code, v1.version(),
                    InstitutionTestData.renamed(form, "乙改")));
            start.countDown();
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder("OK", "INSTITUTION_VERSION");
        } finally {
            two.shutdownNow();
        }
        InstitutionDetails now = users.as("bjadmin", () -> institutions.details(code));
        assertThat(now.version()).isEqualTo(v1.version() + 1);
        assertThat(now.name()).isIn("甲改", "乙改");
        // code and kind cannot change; another region's admin does not find it
        InstitutionForm rekind = new InstitutionForm(code, "x", InstitutionKind.FINANCIAL, "110000", null, "c", "1",
                "a", "h", null, null, null, null);
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.modify(code, now.version(), rekind)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> users.as("shadmin", () -> institutions.modify(code, now.version(), form)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("bjauditor", () -> institutions.modify(code, now.version(), form)))
                .isInstanceOf(AccessDeniedException.class);
        // moving it outside one's own region is refused
        InstitutionForm moved = new InstitutionForm(code, "x", InstitutionKind.CARD_MAKER, "310000", null, "c", "1",
                "a", "h", null, null, null, null);
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.modify(code, now.version(), moved)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("regionCode");
        // moving it within one's own region is refused too: cancel and register again (decision 023)
        InstitutionForm within = new InstitutionForm(code, now.name(), InstitutionKind.CARD_MAKER, "110105", null,
                form.contact(), form.phone(), form.address(), form.head(), null, null, null, null);
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.modify(code, now.version(), within)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("regionCode")
                .hasMessageContaining("不能修改");
        assertThat(users.as("bjadmin", () -> institutions.details(code)).region().value()).isEqualTo("110000");
    }

    private String attempt(CountDownLatch start, String user, String code, long version, InstitutionForm form)
            throws InterruptedException {
        start.await();
        try {
            users.as(user, () -> institutions.modify(code, version, form));
            return "OK";
        } catch (ConflictException e) {
            return e.code();
        }
    }

    /** Cancel keeps the row and history, stops new business, cannot be repeated; centres with active below stay. */
    void cancel(CardApplicationService applications, TerminalService terminals) {
        String desk = InstitutionTestData.code("D");
        String hospital = InstitutionTestData.code("CH");
        String clerk = ("c" + desk).replaceAll("[^A-Za-z0-9]", "").toLowerCase();
        users.run("bjadmin", () -> {
            institutions.register(InstitutionTestData.of(InstitutionKind.SERVICE_POINT, desk, "110105"));
            institutions.register(InstitutionTestData.medical(hospital, "110105"));
        });
        users.run("admin", () -> userAdministration.createIfAbsent(clerk, "demo1234", "网点经办", desk,
                Set.of(Role.CLERK), false, true));
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.cancel(desk, 0, " ")))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.cancel(desk, 0, "x".repeat(201))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> users.as("shadmin", () -> institutions.cancel(desk, 0, "撤并")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("bjauditor", () -> institutions.cancel(desk, 0, "撤并")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.cancel(desk, 7, "撤并")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("INSTITUTION_VERSION"));
        InstitutionDetails cancelled = users.as("bjadmin", () -> institutions.cancel(desk, 0, "网点撤并"));
        assertThat(cancelled.status()).isEqualTo(InstitutionStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo("网点撤并");
        assertThat(cancelled.cancelledAt()).isNotNull();
        // replay: the same cancel again is a conflict, not a second change
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.cancel(desk, cancelled.version(), "网点撤并")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("INSTITUTION_CANCELLED"));
        assertThatThrownBy(() -> users.as("bjadmin", () -> institutions.modify(desk, cancelled.version(),
                InstitutionTestData.of(InstitutionKind.SERVICE_POINT, desk, "110105"))))
                .isInstanceOf(ConflictException.class);
        // the row and its history stay
        assertThat(users.as("bjauditor", () -> institutions.details(desk)).status())
                .isEqualTo(InstitutionStatus.CANCELLED);
        assertThat(users.as("bjauditor", () -> institutions.history(desk))).extracting(InstitutionChange::type)
                .containsExactly(InstitutionChange.Type.REGISTERED, InstitutionChange.Type.CANCELLED);
        // no new applications at the cancelled desk
        assertThatThrownBy(() -> users.as(clerk, () -> applications.submit(TestResidents.newResident("注销网点"))))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("INSTITUTION_CANCELLED"));
        assertThatThrownBy(() -> institutions.requireActive(desk)).isInstanceOf(ConflictException.class);
        // no new terminals for a cancelled hospital; an active one still takes them
        users.run("bjadmin", () -> terminals.register("T-" + hospital, hospital, "挂号处"));
        users.run("bjadmin", () -> institutions.cancel(hospital, 0, "医院关闭"));
        assertThatThrownBy(() -> users.as("bjadmin", () -> terminals.register("T2-" + hospital, hospital, "药房")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("INSTITUTION_CANCELLED"));
        assertThat(institutions.requireActive("BJ-110105").code()).isEqualTo("BJ-110105");
    }

    /** A centre with active institutions below it cannot be cancelled; once they are cancelled it can. */
    void centreWithActiveBelow(String province, String city, String county) {
        String provincial = centre(province);
        String cityCentre = users.as("admin", () -> institutions.register(InstitutionTestData.of(
                InstitutionKind.REGISTRATION_CENTRE, InstitutionTestData.code("RC" + city), city))).code();
        assertThat(users.as("admin", () -> institutions.details(cityCentre)).superiorCode()).isEqualTo(provincial);
        String bank = users.as("admin", () -> institutions.register(InstitutionTestData.of(
                InstitutionKind.FINANCIAL, InstitutionTestData.code("F"), county))).code();
        assertThat(users.as("admin", () -> institutions.details(bank)).superiorCode()).isEqualTo(cityCentre);
        assertThatThrownBy(() -> users.as("admin", () -> institutions.cancel(cityCentre, 0, "撤销")))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("INSTITUTION_HAS_ACTIVE_BELOW");
                    assertThat(e.getMessage()).contains("仍有1个正常状态的机构");
                });
        users.run("admin", () -> institutions.cancel(bank, 0, "迁出"));
        assertThat(users.as("admin", () -> institutions.cancel(cityCentre, 0, "撤销")).status())
                .isEqualTo(InstitutionStatus.CANCELLED);
        // the region may get a new centre now; a hospital below goes under the province meanwhile
        InstitutionDetails hospital = users.as("admin", () -> institutions.register(InstitutionTestData.medical(
                InstitutionTestData.code("H"), county)));
        assertThat(hospital.superiorCode()).isEqualTo(provincial);
    }

    /**
     * Two admins at once register a centre for the same region: the rules are checked under the register's lock,
     * so exactly one is registered and the other is refused naming regionCode.
     */
    void twoCentresAtOnce(String province, String city) throws Exception {
        centre(province);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> tries = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                InstitutionForm form = InstitutionTestData.of(InstitutionKind.REGISTRATION_CENTRE,
                        InstitutionTestData.code("RC" + city), city);
                tries.add(two.submit(() -> {
                    start.await();
                    try {
                        users.as("admin", () -> institutions.register(form));
                        return "OK";
                    } catch (DomainValidationException e) {
                        return e.getMessage().contains("regionCode") ? "regionCode" : e.getMessage();
                    }
                }));
            }
            start.countDown();
            assertThat(List.of(tries.get(0).get(), tries.get(1).get())).containsExactlyInAnyOrder("OK", "regionCode");
        } finally {
            two.shutdownNow();
        }
        assertThat(users.as("admin", () -> institutions.search(new InstitutionQuery(null,
                InstitutionKind.REGISTRATION_CENTRE, null, city, null, null, null, null, InstitutionStatus.ACTIVE),
                new PageQuery(0, 10)).items())).extracting(d -> d.region().value()).containsExactly(city);
    }

    /**
     * A centre is cancelled while an admin registers an institution below it: whichever comes second sees the
     * first, so no active institution is left under a cancelled centre.
     */
    void cancelCentreWhileRegisteringBelow(String province, String city, String county) throws Exception {
        centre(province);
        String cityCentre = users.as("admin", () -> institutions.register(InstitutionTestData.of(
                InstitutionKind.REGISTRATION_CENTRE, InstitutionTestData.code("RC" + city), city))).code();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        String bank = InstitutionTestData.code("F");
        try {
            Future<String> cancel = two.submit(() -> {
                start.await();
                try {
                    users.as("admin", () -> institutions.cancel(cityCentre, 0, "撤销"));
                    return "OK";
                } catch (ConflictException e) {
                    return e.code();
                }
            });
            Future<String> register = two.submit(() -> {
                start.await();
                return users.as("admin", () -> institutions.register(InstitutionTestData.of(
                        InstitutionKind.FINANCIAL, bank, county))).superiorCode();
            });
            start.countDown();
            String cancelled = cancel.get();
            String superior = register.get();
            if (cancelled.equals("OK")) {
                assertThat(superior).isNotEqualTo(cityCentre); // registered after: under the province
            } else {
                assertThat(cancelled).isEqualTo("INSTITUTION_HAS_ACTIVE_BELOW");
                assertThat(superior).isEqualTo(cityCentre);
            }
        } finally {
            two.shutdownNow();
        }
    }

    /**
     * A new city centre takes over the active institutions of its city that were under the provincial centre:
     * each moves under it with a logged change, a modify with the details as read succeeds, and the centre counts
     * them below it. Institutions of another city, and cancelled ones, stay where they were.
     */
    void newCentreTakesOverItsRegion(String province, String city, String county, String otherCounty) {
        String provincial = centre(province);
        InstitutionDetails hospital = users.as("admin", () -> institutions.register(InstitutionTestData.medical(
                InstitutionTestData.code("H"), county)));
        InstitutionDetails bank = users.as("admin", () -> institutions.register(InstitutionTestData.of(
                InstitutionKind.FINANCIAL, InstitutionTestData.code("F"), city)));
        InstitutionDetails closed = users.as("admin", () -> institutions.register(InstitutionTestData.of(
                InstitutionKind.CARD_MAKER, InstitutionTestData.code("K"), county)));
        users.run("admin", () -> institutions.cancel(closed.code(), 0, "关闭"));
        InstitutionDetails elsewhere = users.as("admin", () -> institutions.register(InstitutionTestData.medical(
                InstitutionTestData.code("H"), otherCounty)));
        assertThat(List.of(hospital, bank, elsewhere)).extracting(InstitutionDetails::superiorCode)
                .containsOnly(provincial);
        long since = users.as("admin", this::lastSeq);

        String cityCentre = users.as("admin", () -> institutions.register(InstitutionTestData.of(
                InstitutionKind.REGISTRATION_CENTRE, InstitutionTestData.code("RC" + city), city))).code();

        InstitutionDetails moved = users.as("admin", () -> institutions.details(hospital.code()));
        assertThat(moved.superiorCode()).isEqualTo(cityCentre);
        assertThat(moved.version()).isEqualTo(1);
        assertThat(users.as("admin", () -> institutions.details(bank.code())).superiorCode()).isEqualTo(cityCentre);
        assertThat(users.as("admin", () -> institutions.details(closed.code())).superiorCode()).isEqualTo(provincial);
        assertThat(users.as("admin", () -> institutions.details(elsewhere.code())).superiorCode())
                .isEqualTo(provincial);
        // each move is in the exchange log, after the centre's registration, in the same region
        List<InstitutionChange> log = users.as("admin", () -> institutions.changesSince(since, 100)).items();
        assertThat(log).filteredOn(c -> c.code().equals(hospital.code()))
                .extracting(InstitutionChange::type, InstitutionChange::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(InstitutionChange.Type.MODIFIED, 1L));
        assertThat(log).extracting(InstitutionChange::code).containsSubsequence(cityCentre, bank.code())
                .doesNotContain(closed.code(), elsewhere.code());
        assertThat(users.as("admin", () -> institutions.history(hospital.code())).get(1).payload())
                .contains("\"superiorCode\":\"" + cityCentre + "\"");
        // a modify with the details as read (the dialog pre-fills the superior) passes
        InstitutionDetails renamed = users.as("admin", () -> institutions.modify(hospital.code(), 1,
                InstitutionTestData.renamed(InstitutionForm.of(moved), "改隶后改名")));
        assertThat(renamed.superiorCode()).isEqualTo(cityCentre);
        // and the centre has them below it
        assertThatThrownBy(() -> users.as("admin", () -> institutions.cancel(cityCentre, 0, "撤销")))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("INSTITUTION_HAS_ACTIVE_BELOW");
                    assertThat(e.getMessage()).contains("仍有2个正常状态的机构");
                });
    }

    /** An imported city centre takes over its city as a registered one does, the moves within the import's range. */
    void importedCentreTakesOverItsRegion(InstitutionImport imports, String province, String city, String county) {
        String provincial = centre(province);
        InstitutionDetails bank = users.as("admin", () -> institutions.register(InstitutionTestData.of(
                InstitutionKind.FINANCIAL, InstitutionTestData.code("F"), county)));
        assertThat(bank.superiorCode()).isEqualTo(provincial);
        String centreCode = InstitutionTestData.code("RC" + city);
        String later = InstitutionTestData.code("F");
        ImportReport report = users.as("admin", () -> imports.importRows(List.of(
                InstitutionRow.of(0, List.of(centreCode, "导入中心", "注册管理中心", city, "", "张", "010-1", "路",
                        "王")),
                InstitutionRow.of(0, List.of(later, "导入银行", "金融机构", county, "", "张", "010-1", "路", "王")))));
        assertThat(report.committed()).as(report.toString()).isTrue();
        assertThat(users.as("admin", () -> institutions.details(bank.code())))
                .extracting(InstitutionDetails::superiorCode, InstitutionDetails::version)
                .containsExactly(centreCode, 1L);
        assertThat(users.as("admin", () -> institutions.details(later)).superiorCode()).isEqualTo(centreCode);
        assertThat(users.as("admin", () -> institutions.history(bank.code())))
                .extracting(InstitutionChange::type).containsExactly(InstitutionChange.Type.REGISTERED,
                        InstitutionChange.Type.MODIFIED);
    }

    /** The exchange log: every change in seq order, scoped, paged like the blacklist export. */
    void changes() throws Exception {
        long since = users.as("admin", this::lastSeq);
        String code = InstitutionTestData.code("X");
        InstitutionForm form = InstitutionTestData.of(InstitutionKind.FINANCIAL, code, "110000");
        users.run("bjadmin", () -> {
            institutions.register(form);
            institutions.modify(code, 0, InstitutionTestData.renamed(form, "交换改名"));
            institutions.cancel(code, 1, "交换注销");
        });
        InstitutionChanges all = users.as("bjauditor", () -> institutions.changesSince(since, 100));
        List<InstitutionChange> mine = all.items().stream().filter(c -> c.code().equals(code)).toList();
        assertThat(mine).extracting(InstitutionChange::type).containsExactly(InstitutionChange.Type.REGISTERED,
                InstitutionChange.Type.MODIFIED, InstitutionChange.Type.CANCELLED);
        assertThat(mine).extracting(InstitutionChange::version).containsExactly(0L, 1L, 2L);
        assertThat(mine).extracting(InstitutionChange::by).containsOnly("bjadmin");
        assertThat(mine).allSatisfy(c -> assertThat(c.kind()).isEqualTo(InstitutionKind.FINANCIAL));
        var payload = json.readTree(mine.get(2).payload());
        assertThat(payload.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(payload.get("name").asText()).isEqualTo("交换改名");
        assertThat(payload.get("cancelReason").asText()).isEqualTo("交换注销");
        assertThat(payload.get("superiorCode").asText()).isEqualTo("BJ-110000");
        assertThat(all.items()).extracting(InstitutionChange::seq).isSorted();
        // page by page: limit 1, ask again with nextSince
        InstitutionChanges first = users.as("bjauditor", () -> institutions.changesSince(since, 1));
        assertThat(first.items()).hasSize(1);
        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextSince()).isEqualTo(first.items().get(0).seq());
        InstitutionChanges rest = users.as("bjauditor", () -> institutions.changesSince(first.nextSince(), 100));
        assertThat(rest.items().get(0).seq()).isGreaterThan(first.nextSince());
        InstitutionChanges end = users.as("bjauditor", () -> institutions.changesSince(all.nextSince(), 100));
        assertThat(end.items()).isEmpty();
        assertThat(end.nextSince()).isEqualTo(all.nextSince());
        assertThat(end.hasMore()).isFalse();
        // Shanghai does not see Beijing's changes; a clerk none at all; bad parameters name themselves
        assertThat(users.as("shadmin", () -> institutions.changesSince(since, 100)).items())
                .noneMatch(c -> c.code().equals(code)).allSatisfy(c -> assertThat(c.regionCode()).startsWith("31"));
        assertThatThrownBy(() -> users.as("clerk", () -> institutions.changesSince(0, 10)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("bjauditor", () -> institutions.changesSince(-1, 0)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("since")
                .hasMessageContaining("limit");
    }

    /** The seq of the newest change the caller sees. */
    long lastSeq() {
        InstitutionChanges page = institutions.changesSince(0, InstitutionService.MAX_EXPORT_LIMIT);
        while (page.hasMore()) {
            page = institutions.changesSince(page.nextSince(), InstitutionService.MAX_EXPORT_LIMIT);
        }
        return page.nextSince();
    }

    /** Counts by kind, level and status within a region (STAT-01). */
    void counts() {
        InstitutionCounts before = users.as("bjauditor", () -> institutions.counts("110000"));
        String code = InstitutionTestData.code("CNT");
        users.run("bjadmin", () -> {
            institutions.register(InstitutionTestData.medical(code, "110105"));
            institutions.cancel(code, 0, "统计用");
        });
        InstitutionCounts after = users.as("bjauditor", () -> institutions.counts("110000"));
        assertThat(after.total()).isEqualTo(before.total() + 1);
        assertThat(after.byKind().get(InstitutionKind.MEDICAL)).isEqualTo(before.byKind().get(InstitutionKind.MEDICAL) + 1);
        assertThat(after.byStatus().get(InstitutionStatus.CANCELLED))
                .isEqualTo(before.byStatus().get(InstitutionStatus.CANCELLED) + 1);
        assertThat(after.byLevel().get(CentreLevel.PROVINCIAL)).isEqualTo(1); // BJ-110000
        assertThat(after.byLevel().get(CentreLevel.NATIONAL)).isZero();
        InstitutionCounts national = users.as("admin", () -> institutions.counts(null));
        assertThat(national.regionCode()).isEqualTo(RegionCode.NATIONAL.value());
        assertThat(national.byLevel().get(CentreLevel.NATIONAL)).isEqualTo(1);
        assertThat(national.total()).isGreaterThan(after.total());
        assertThatThrownBy(() -> users.as("shadmin", () -> institutions.counts("110000")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("clerk", () -> institutions.counts(null)))
                .isInstanceOf(AccessDeniedException.class);
    }

    private List<String> codes(InstitutionQuery q) {
        return institutions.search(q, new PageQuery(0, 100)).items().stream().map(InstitutionDetails::code).toList();
    }

    private static InstitutionQuery q(String name, InstitutionKind kind, MedicalNature nature, String region,
                                      MedicalCategory category, String code, LocalDate from, LocalDate to,
                                      InstitutionStatus status) {
        return new InstitutionQuery(name, kind, nature, region, category, code, from, to, status);
    }
}
