package cn.healthcard.ehc;

import cn.healthcard.card.BlacklistQuery;
import cn.healthcard.card.BlacklistService;
import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardChange;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.lifecycle.RequestStatus;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.CardRequestScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.healthcard.ehc.EhcTestSupport.VECTOR_EHC_ID;
import static cn.healthcard.ehc.EhcTestSupport.VECTOR_ID_NUMBER;
import static cn.healthcard.ehc.EhcTestSupport.VECTOR_MASTER_INDEX;
import static cn.healthcard.support.CardRequestScenarios.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** E-card accounts through the services: master index, e-card ID, bulk job, following the card, QR codes. */
@IntegrationTest
class EhcAccountIT {

    @Autowired EhcAccountService accounts;
    @Autowired MasterIndexService masterIndexes;
    @Autowired EhcBulkService bulk;
    @Autowired EhcVerificationService verifications;
    @Autowired TerminalService terminals;
    @Autowired EhcIdAlgorithm ehcIds;
    @Autowired CryptoDevice device;
    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired BlacklistService blacklist;
    @Autowired InstitutionService institutions;
    @Autowired CardApplicationService applications;
    @Autowired CardRequestService requests;
    @Autowired TaskInboxService inbox;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired UserAdministration userAdministration;

    CardFixtures fixtures;
    String terminal;

    @BeforeEach
    void setUp() {
        fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
        terminal = EhcTestSupport.terminal(terminals, institutions, users, "IT-EHC-SVC-01");
    }

    private EhcRegistration registration(String type, String number, String name, String sex, LocalDate birth,
                                         DocumentRef sameAs) {
        return new EhcRegistration(new DocumentRef(type, number), name, sex, birth, sameAs, EhcChannel.APP,
                "APP-IT");
    }

    private VerificationResult verify(String qrText) {
        return users.as("platform", () -> verifications.verify(new VerificationRequest(qrText, terminal, null)));
    }

    @Test
    @DisplayName("KEY-01 EHC-02 EHC-03 the e-card ID of the design.md §5 vector comes out of the registration service with the vector key as the province's level-2 application-data-read key; the account records the key version; registering again answers the same account")
    void vectorThroughTheService() {
        KeyId provinceKey = EhcTestSupport.vectorRootKey(device);
        // the person's master index exists (EHC-01): the vector's ID for the vector's document
        String documentIndex = residents.documentIndex("01", VECTOR_ID_NUMBER);
        if (jdbc.queryForObject("select count(*) from ehc_master_index where id = ?", Long.class,
                VECTOR_MASTER_INDEX) == 0) {
            jdbc.update("insert into ehc_master_index (id, region_code, created_at, created_by) values (?, ?, ?, ?)",
                    // in the platform user's region (110105): a registration may only touch its own region's records
                    VECTOR_MASTER_INDEX, "110105", Timestamp.from(Instant.now()), "test");
            jdbc.update("insert into ehc_master_index_document (document_index, master_index_id, document_type, "
                    + "document_number_masked, linked_at, linked_by) values (?, ?, ?, ?, ?, ?)", documentIndex,
                    VECTOR_MASTER_INDEX, "01", "1101**********006X", Timestamp.from(Instant.now()), "test");
        }
        EhcRegistration registration = registration("01", VECTOR_ID_NUMBER, "王小丫", null, null, null);

        // the demo blacklist holds this person: no e-card for a resident who may not hold a card (APP-06)
        users.as("supervisor", () -> blacklist.query(new BlacklistQuery(null, "01", VECTOR_ID_NUMBER, null,
                BlacklistQuery.State.ACTIVE, null, null), 0, 10)).forEach(entry -> {
            assertThatThrownBy(() -> users.as("platform", () -> accounts.register(registration)))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("黑名单");
            users.run("supervisor", () -> blacklist.remove(entry.id(), "测试：电子健康卡向量"));
        });

        EhcRegistrationResult first = users.as("platform", () -> accounts.register(registration));
        assertThat(first.account().ehcId()).isEqualTo(VECTOR_EHC_ID);
        assertThat(first.account().masterIndexId()).isEqualTo(VECTOR_MASTER_INDEX);
        assertThat(first.account().origin()).isEqualTo(EhcOrigin.REGISTERED);
        assertThat(first.account().channel()).isEqualTo(EhcChannel.APP);
        assertThat(first.account().nameMasked()).isEqualTo("王*丫");
        assertThat(first.account().sex()).as("from the ID number").isEqualTo("2");
        assertThat(first.account().birthYear()).isEqualTo(2017);
        assertThat(first.account().documentNumberMasked()).isEqualTo("1101**********006X");
        assertThat(first.account().status()).isEqualTo(EhcStatus.ACTIVE);
        assertThat(jdbc.queryForMap("select id_key_label, id_key_version from ehc_account where ehc_id = ?",
                VECTOR_EHC_ID)).containsValues("hc.app-data-read.110000", provinceKey.version());

        EhcRegistrationResult again = users.as("platform", () -> accounts.register(registration));
        assertThat(again.created()).isFalse();
        assertThat(again.account().ehcId()).isEqualTo(VECTOR_EHC_ID);
        assertThat(verify(VECTOR_EHC_ID + ":1").verified()).isTrue();
    }

    @Test
    @DisplayName("KEY-01 EHC-02 a province without e-card keys in the crypto device: registration is refused with 409 EHC_KEYS_MISSING naming the key, and nothing is opened")
    void provinceWithoutKeys() { // 540000: a province no other test gives keys
        institutions.registerIfAbsent(new Institution("IT-XZ-540102", "拉萨市城关区测试服务点", RegionCode.of("540102"),
                InstitutionKind.SERVICE_POINT));
        SecurityContextUsers.runAsSystem(() -> userAdministration.createIfAbsent("itxzclerk", "it-secret-1",
                "藏经办", "IT-XZ-540102", Set.of(Role.CLERK), false, false));
        ResidentData person = TestResidents.newResident("无密钥");

        assertThatThrownBy(() -> users.as("itxzclerk", () -> accounts.register(registration("01",
                person.documentNumber(), "无密钥", null, null, null))))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("EHC_KEYS_MISSING"))
                .hasMessageContaining("hc.app-data-read.540000");
        assertThat(jdbc.queryForObject("select count(*) from ehc_account where region_code = '540102'", Long.class))
                .isZero();
    }

    @Test
    @DisplayName("EHC-01 a second document of the same person joins the same master index: through a registration naming the known document and through the clerk's link; keyed indexes only, never plaintext")
    void secondDocumentJoins() {
        String inst = fixtures.institution("IT-110105-EHC", "北京市朝阳区电子健康卡测试服务点", "110105");
        String cardNo = fixtures.card("110105", inst, "欧阳明", CardStatus.ACTIVE);
        String residentId = users.as("clerk", () -> cards.find(cardNo)).orElseThrow().residentId();
        // the holder's ID number stays inside the resident module; the test reads it as the desk would see it
        ResidentData holder = SecurityContextUsers.runAsSystem(() -> residents.details(residentId, "测试"));
        DocumentRef idCard = new DocumentRef("01", holder.documentNumber());
        String passport = "E" + (10_000_000 + (System.nanoTime() % 89_999_999));

        // an app registers with the passport and names the ID card the person already has
        EhcRegistrationResult opened = users.as("platform", () -> accounts.register(registration("03", passport,
                "欧阳明", "1", holder.birthDate(), idCard)));
        assertThat(opened.created()).isTrue();
        String masterIndexId = opened.account().masterIndexId();
        assertThat(masterIndexId).matches("[0-9A-F]{64}");
        assertThat(opened.account().ehcId()).as("computed from the registering document")
                .isEqualTo(ehcIds.ehcId("110105", masterIndexId, "03", passport).value());
        assertThat(opened.account().nameMasked()).as("the resident record wins").isEqualTo("欧*明");
        assertThat(opened.account().cardNo()).as("follows the person's card").isEqualTo(cardNo);
        assertThat(users.as("clerk", () -> masterIndexes.findByDocument(idCard))).contains(masterIndexId);

        // the clerk has seen the 户口簿 and the ID card: the third document joins too
        String householdNo = "HK" + (1_000_000 + (System.nanoTime() % 8_999_999));
        MasterIndexView view = users.as("clerk", () -> masterIndexes.linkDocument(idCard,
                new DocumentRef("02", householdNo)));
        assertThat(view.id()).isEqualTo(masterIndexId);
        assertThat(view.documents()).extracting(MasterIndexView.LinkedDocument::documentType)
                .containsExactly("01", "03", "02");
        assertThat(view.documents()).extracting(MasterIndexView.LinkedDocument::verifiedBy)
                .containsExactly(null, "platform", "clerk");
        assertThat(view.documents()).extracting(MasterIndexView.LinkedDocument::documentNumberMasked)
                .allSatisfy(masked -> assertThat(masked).contains("*"));
        assertThat(view.cardNos()).containsExactly(cardNo);
        assertThat(view.ehcId()).isEqualTo(opened.account().ehcId());

        // one account per master index: registering with any of the documents answers it
        EhcRegistrationResult byHousehold = users.as("platform", () -> accounts.register(registration("02",
                householdNo, "欧阳明", "1", holder.birthDate(), null)));
        assertThat(byHousehold.created()).isFalse();
        assertThat(byHousehold.account().ehcId()).isEqualTo(opened.account().ehcId());
        // linking twice changes nothing; a document of another person is refused
        assertThat(users.as("clerk", () -> masterIndexes.linkDocument(idCard, new DocumentRef("02", householdNo)))
                .documents()).hasSize(3);
        ResidentData stranger = TestResidents.newResident("路人");
        users.as("platform", () -> accounts.register(registration("01", stranger.documentNumber(), "路人", null,
                null, null)));
        assertThatThrownBy(() -> users.as("clerk", () -> masterIndexes.linkDocument(
                new DocumentRef("01", stranger.documentNumber()), new DocumentRef("02", householdNo))))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo("DOCUMENT_OF_ANOTHER_PERSON");
        assertThatThrownBy(() -> users.as("clerk", () -> masterIndexes.linkDocument(
                new DocumentRef("03", "G00000001"), new DocumentRef("02", "HK0000001"))))
                .isInstanceOf(NotFoundException.class);

        // nothing in plaintext: documents are keyed indexes and masks
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select * from ehc_master_index_document where master_index_id = ?", masterIndexId);
        assertThat(rows).hasSize(3);
        assertThat(rows.toString()).doesNotContain(holder.documentNumber(), passport, householdNo);
        assertThat(jdbc.queryForList("select * from ehc_account where master_index_id = ?", masterIndexId)
                .toString()).doesNotContain(holder.documentNumber(), passport, "欧阳明");
    }

    @Test
    @DisplayName("EHC-02 EHC-03 the bulk job opens e-cards (e-card IDs from the device) for every holder of an issued card, marked BULK, frozen for a lost card; a second run opens nothing; an interrupted run continues after its cursor")
    void bulkJob() {
        String region = "110105";
        String inst = fixtures.institution("IT-110105-EHC", "北京市朝阳区电子健康卡测试服务点", region);
        String active = fixtures.card(region, inst, "批量甲", CardStatus.ACTIVE);
        String locked = fixtures.card(region, inst, "批量乙", CardStatus.PIN_LOCKED);
        String lost = fixtures.card(region, inst, "批量丙", CardStatus.REPORTED_LOST);
        String ready = fixtures.card(region, inst, "批量丁", CardStatus.READY);
        String cancelled = fixtures.card(region, inst, "批量戊", CardStatus.CANCELLED);
        String atDesk = fixtures.card(region, inst, "批量己", CardStatus.ACTIVE);
        EhcAccountView desk = users.as("clerk", () -> accounts.openForCard(atDesk)).account();
        // a province whose e-card keys are not on the device: skipped, it does not stop the national run
        String noKeysInst = fixtures.institution("IT-540102-EHC", "拉萨市电子健康卡测试服务点", "540102");
        String noKeys = fixtures.card("540102", noKeysInst, "批量辛", CardStatus.ACTIVE);

        BulkRunView first = run();
        assertThat(first.state()).isEqualTo(BulkRunView.State.COMPLETED);
        assertThat(first.created()).isGreaterThanOrEqualTo(3);
        for (String cardNo : List.of(active, locked, lost)) {
            EhcAccountView account = clerk(() -> accountOf(cardNo));
            assertThat(account.origin()).isEqualTo(EhcOrigin.BULK);
            assertThat(account.channel()).isEqualTo(EhcChannel.BULK_JOB);
            assertThat(account.bulkRunId()).isEqualTo(first.id());
            assertThat(account.cardNo()).isEqualTo(cardNo);
            assertThat(account.status()).isEqualTo(cardNo.equals(lost) ? EhcStatus.FROZEN : EhcStatus.ACTIVE);
        }
        assertThat(clerk(() -> accountOf(ready))).as("not picked up yet: no holder").isNull();
        assertThat(clerk(() -> accountOf(cancelled))).isNull();
        assertThat(jdbc.queryForObject("select count(*) from ehc_account a join card c on c.resident_id = a.resident_id"
                + " where c.card_no = ?", Long.class, noKeys)).as("province without e-card keys: skipped").isZero();
        assertThat(clerk(() -> accountOf(atDesk))).usingRecursiveComparison().ignoringFields("createdAt")
                .as("opened at the desk before: left as it was").isEqualTo(desk);

        long accountsBefore = jdbc.queryForObject("select count(*) from ehc_account", Long.class);
        BulkRunView second = run();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.created()).isZero();
        assertThat(second.skipped()).isEqualTo(second.cardsSeen()).isGreaterThanOrEqualTo(4);
        assertThat(jdbc.queryForObject("select count(*) from ehc_account", Long.class)).isEqualTo(accountsBefore);

        // a run that stopped after some page continues after its cursor, not from the start
        String cursor = jdbc.queryForObject("select max(card_no) from card", String.class);
        EhcTestSupport.provinceKeys(device, "650000");
        String later = fixtures.card("650102", fixtures.institution("IT-650102-EHC", "乌鲁木齐市天山区测试服务点",
                "650102"), "批量庚", CardStatus.ACTIVE);
        assertThat(later).isGreaterThan(cursor);
        jdbc.update("insert into ehc_bulk_run (state, cursor_card_no, cards_seen, created, skipped, started_at, "
                + "started_by, updated_at, last_error, version) values ('FAILED', ?, 0, 0, 0, ?, 'admin', ?, "
                + "'test: interrupted', 0)", cursor, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
        BulkRunView resumed = run();
        assertThat(resumed.cursorCardNo()).isGreaterThanOrEqualTo(later);
        assertThat(resumed.cardsSeen()).as("only the cards after the cursor").isEqualTo(1);
        assertThat(resumed.created()).isEqualTo(1);
        assertThat(resumed.lastError()).isNull();
        assertThat(jdbc.queryForObject("select origin from ehc_account where card_no = ?", String.class, later))
                .isEqualTo("BULK");

        assertThatThrownBy(() -> users.as("supervisor", () -> bulk.start())).isInstanceOf(AccessDeniedException.class);
    }

    private BulkRunView run() {
        long id = users.as("admin", () -> bulk.start()).id();
        return cn.healthcard.support.Eventually.await("bulk run " + id, Duration.ofSeconds(60), () -> users.as("admin", () -> bulk.get(id)),
                r -> r.state() != BulkRunView.State.RUNNING);
    }

    private EhcAccountView accountOf(String cardNo) {
        return accounts.findByCard(cardNo).orElse(null);
    }

    @Test
    @DisplayName("EHC-03 LC-01 LC-06 the e-card follows its card through the reviewed processes: a loss report freezes it, cancellation revokes it — and the terminals are refused accordingly")
    void lossFreezesCancellationRevokes() {
        var issuing = new CardApplicationScenarios(applications, inbox, cards, users);
        var lifecycle = new CardRequestScenarios(requests, inbox, users);
        ResidentData holder = TestResidents.newResident("电卡甲");
        String cardNo = issuing.issue(holder).cardNo();
        EhcAccountView account = users.as("clerk", () -> accounts.openForCard(cardNo)).account();
        assertThat(account.origin()).isEqualTo(EhcOrigin.DESK);
        assertThat(verify(account.ehcId() + ":1").verified()).isTrue();

        var loss = lifecycle.approved(RequestType.LOSS_REPORT, form(cardNo, holder, "lossReason", "手机和卡一起丢失"));
        lifecycle.awaitStatus(loss.requestId(), RequestStatus.COMPLETED);
        assertThat(users.as("clerk", () -> accounts.find(account.ehcId())).orElseThrow().status())
                .isEqualTo(EhcStatus.FROZEN);
        assertThat(verify(account.ehcId() + ":1").reason()).isEqualTo(RefusalReason.FROZEN);
        assertThatThrownBy(() -> users.as("clerk", () -> accounts.dynamicQr(account.ehcId())))
                .isInstanceOf(ConflictException.class).extracting(e -> ((ConflictException) e).code())
                .isEqualTo("EHC_FROZEN");

        var cancel = lifecycle.approved(RequestType.CANCELLATION, form(cardNo, holder, "cancellationReason",
                "不再使用", "cardReturned", true));
        lifecycle.awaitStatus(cancel.requestId(), RequestStatus.COMPLETED);
        assertThat(users.as("clerk", () -> accounts.find(account.ehcId())).orElseThrow().status())
                .isEqualTo(EhcStatus.REVOKED);
        assertThat(verify(account.ehcId() + ":1").reason()).isEqualTo(RefusalReason.REVOKED);
        assertThat(jdbc.queryForList("select detail from audit_event where event_type = 'EhcAccountStatusChanged' "
                + "and subject_id = ? order by id", String.class, account.masterIndexId()))
                .containsExactly("ACTIVE → FROZEN (实体卡挂失)", "FROZEN → REVOKED (实体卡注销)");
    }

    @Test
    @DisplayName("EHC-03 LC-02 LC-04 unloss thaws the e-card; a replacement takes it to the new card, active again; a new card of a person with a master index is linked")
    void unlossAndReplacement() {
        String inst = fixtures.institution("IT-110105-EHC", "北京市朝阳区电子健康卡测试服务点", "110105");
        String oldCard = fixtures.card("110105", inst, "电卡乙", CardStatus.ACTIVE);
        EhcAccountView account = users.as("clerk", () -> accounts.openForCard(oldCard)).account();
        system(CardAction.REPORT_LOSS, oldCard);
        assertThat(status(account)).isEqualTo(EhcStatus.FROZEN);
        system(CardAction.UNLOSS, oldCard);
        assertThat(status(account)).isEqualTo(EhcStatus.ACTIVE);
        system(CardAction.REPORT_LOSS, oldCard);

        String newCard = oldCard + "R";
        SecurityContextUsers.runAsSystem(() -> cards.registerReplacement(newCard, oldCard, "RQ-IT-EHC", "CHIP-R"));
        assertThat(users.as("clerk", () -> masterIndexes.get(account.masterIndexId())).cardNos())
                .containsExactly(oldCard, newCard);
        assertThat(status(account)).as("still the lost card's").isEqualTo(EhcStatus.FROZEN);
        system(CardAction.ACTIVATE, newCard);
        system(CardAction.REPLACE, oldCard);
        EhcAccountView moved = users.as("clerk", () -> accounts.find(account.ehcId())).orElseThrow();
        assertThat(moved.cardNo()).isEqualTo(newCard);
        assertThat(moved.status()).isEqualTo(EhcStatus.ACTIVE);
        assertThat(moved.ehcId()).as("the e-card ID stays").isEqualTo(account.ehcId());
        assertThat(users.as("clerk", () -> accounts.findByCard(newCard))).contains(moved);
        system(CardAction.PIN_LOCK, newCard);
        assertThat(status(account)).as("a PIN lock does not concern the e-card").isEqualTo(EhcStatus.ACTIVE);
    }

    @Test
    @DisplayName("EHC-04 static code <ehcId>:1 and dynamic code <ehcId>:0:<validity> (expiry in 5 minutes under the protection key); the PNG decodes with zxing to the same text; the printable PDF carries the e-card ID")
    void qrCodes() throws Exception {
        ResidentData person = TestResidents.newResident("二维码");
        EhcAccountView account = users.as("platform", () -> accounts.register(registration("01",
                person.documentNumber(), "二维码", null, null, null))).account();

        QrCode fixed = users.as("clerk", () -> accounts.staticQr(account.ehcId()));
        assertThat(fixed.text()).isEqualTo(account.ehcId() + ":1");
        assertThat(fixed.type()).isEqualTo(QrCode.Type.STATIC);
        assertThat(decode(accounts.png(fixed))).isEqualTo(fixed.text());

        LocalDateTime before = LocalDateTime.now(ZoneId.of("Asia/Shanghai"));
        QrCode dynamic = users.as("clerk", () -> accounts.dynamicQr(account.ehcId()));
        assertThat(dynamic.type()).isEqualTo(QrCode.Type.DYNAMIC);
        assertThat(dynamic.text()).matches(account.ehcId() + ":0:[0-9A-F]{32}");
        LocalDateTime expiry = ehcIds.decryptValidity(account.regionCode(), account.masterIndexId(),
                dynamic.text().substring(dynamic.text().lastIndexOf(':') + 1));
        assertThat(Duration.between(before, expiry).getSeconds()).isCloseTo(300, within(3L));
        assertThat(dynamic.validUntil()).isEqualTo(expiry.atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        assertThat(accounts.dynamicLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(decode(accounts.png(dynamic))).isEqualTo(dynamic.text());
        assertThat(users.as("clerk", () -> accounts.dynamicQr(account.ehcId())).text())
                .as("a dynamic code is generated per use").startsWith(account.ehcId() + ":0:");

        byte[] pdf = users.as("clerk", () -> accounts.printStaticQr(account.ehcId()));
        String text = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1).replaceAll("\\s+", "");
        assertThat(text).contains(account.ehcId(), "二*码", "王经办").doesNotContain(person.documentNumber());
        assertThat(jdbc.queryForObject("select count(*) from audit_event where event_type = 'EhcQrPrinted' "
                + "and subject_id = ?", Long.class, account.masterIndexId())).isEqualTo(1);

        assertThatThrownBy(() -> users.as("clerk", () -> accounts.staticQr(
                (account.ehcId().startsWith("00") ? "11" : "00") + account.ehcId().substring(2))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("auditor", () -> accounts.staticQr(account.ehcId())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("supervisor", () -> accounts.dynamicQr(account.ehcId())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("shclerk", () -> accounts.staticQr(account.ehcId())))
                .as("outside the region").isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("EHC-03 APP-03 registration refuses bad input field by field and changes nothing")
    void badRegistrations() {
        long before = jdbc.queryForObject("select count(*) from ehc_master_index", Long.class);
        assertThatThrownBy(() -> users.as("platform", () -> accounts.register(registration("01",
                "110105198506010012", "张三", "2", null, null))))
                .isInstanceOf(DomainValidationException.class)
                .extracting(e -> ((DomainValidationException) e).violations().get(0).field())
                .isEqualTo("documentNumber");
        assertThatThrownBy(() -> users.as("platform", () -> accounts.register(new EhcRegistration(
                new DocumentRef("03", "E1"), " ", null, null, null, null, null))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                        .extracting(v -> v.field()).containsExactly("documentNumber", "name", "sex", "birthDate",
                                "channel"));
        assertThatThrownBy(() -> users.as("auditor", () -> accounts.register(registration("01",
                TestResidents.newResident("x").documentNumber(), "x", null, null, null))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.queryForObject("select count(*) from ehc_master_index", Long.class)).isEqualTo(before);
    }

    private EhcStatus status(EhcAccountView account) {
        return users.as("clerk", () -> accounts.find(account.ehcId())).orElseThrow().status();
    }

    private void system(CardAction action, String cardNo) {
        SecurityContextUsers.runAsSystem(() -> cards.transition(cardNo, action, CardChange.because("测试")));
    }

    private <T> T clerk(java.util.function.Supplier<T> action) {
        return users.as("clerk", action);
    }

    static String decode(byte[] png) throws IOException, com.google.zxing.NotFoundException,
            com.google.zxing.ChecksumException, com.google.zxing.FormatException {
        var image = ImageIO.read(new ByteArrayInputStream(png));
// the image is a generated code, not a photo: read its modules directly (PURE_BARCODE); the finder-pattern
        // search of a camera scan missed the code for some e-card IDs
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                        com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
