package cn.healthcard.keys;

import static cn.healthcard.keys.KnownKeys.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.common.ConflictException;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.DerivedKey;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyOrigin;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.WrappedKey;
import cn.healthcard.crypto.internal.SoftwareCryptoDevice;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

/**
 * Key management end to end on H2 with the application's crypto device: ceremonies through process key-ceremony with
 * two demo key administrators ({@code keyadmin}, {@code keyadmin2}), the audit log, the key registry. Each test works
 * on keys of its own provinces (purpose INTERNAL_AUTH; the demo data made both hierarchies for 110000 and 310000,
 * which the distribution test reuses).
 */
@IntegrationTest
@DisplayName("KEY-01 KEY-02 KEY-03 key management through the service, the key-ceremony process and the crypto device")
class KeyManagementIT {

    static final String A = "keyadmin";
    static final String B = "keyadmin2";
    static final String SECRET_A = "custodian-secret-A1";
    static final String SECRET_B = "custodian-secret-B2";
    static final KeyPurpose PURPOSE = KeyPurpose.INTERNAL_AUTH;

    @Autowired KeyInventoryService keys;
    @Autowired KeyCeremonyService ceremonies;
    @Autowired KeyDistributionService distribution;
    @Autowired TaskInboxService inbox;
    @Autowired TestUsers users;
    @Autowired CryptoDevice device;
    @Autowired JdbcTemplate jdbc;
    @Autowired HistoryService history;

    /** Plays the key-management centre: a KEK known to the test, to take keys out of the device for comparison. */
    final KnownKeys kms = new KnownKeys(HEX.parseHex("A1A2A3A4A5A6A7A8A9AAABACADAEAFA0"), "test.key-management-it");

    // ---------------------------------------------------------------- helpers

    private CeremonyView start(String user, KeyOperation operation, KeyLevel level, String region) {
        return users.as(user, () -> ceremonies.startCeremony(new CeremonyRequest(operation, PURPOSE, level, region, null,
                null, List.of(), "测试：" + operation.nameZh())));
    }

    private TaskRef task(String user, String ceremonyId, String definitionKey) {
        return users.as(user, () -> inbox.find(TaskFilter.all(), 0, 500)).stream()
                .filter(t -> ceremonyId.equals(t.businessKey()) && definitionKey.equals(t.taskDefinitionKey()))
                .findFirst().orElseThrow(() -> new AssertionError("no task " + definitionKey + " of " + ceremonyId
                        + " for " + user));
    }

    private CeremonyView coSign(String user, String ceremonyId) {
        TaskRef task = task(user, ceremonyId, KeyCeremonyService.COSIGN_TASK);
        return users.as(user, () -> ceremonies.coSign(task.taskId(), KeyCeremonyService.coSignature("APPROVE", null)));
    }

    private CeremonyView ceremony(String id) {
        return users.as(A, () -> ceremonies.ceremony(id));
    }

    /** A generation or update started by A and co-signed by B; returns the completed ceremony. */
    private CeremonyView made(KeyOperation operation, KeyLevel level, String region) {
        CeremonyView started = start(A, operation, level, region);
        coSign(B, started.id());
        CeremonyView done = ceremony(started.id());
        assertThat(done.status()).as(done.outcome()).isEqualTo(CeremonyStatus.COMPLETED);
        return done;
    }

    private synchronized void ensureRoot() {
        if (device.listKeys().stream().noneMatch(k -> k.id().label().equals("hc.internal-auth.root"))) {
            made(KeyOperation.GENERATE, KeyLevel.NATIONAL, null);
        }
    }

    private KeyId testKek() {
        return device.listKeys().stream().map(k -> k.id()).filter(k -> k.label().equals("test.key-management-it"))
                .findFirst().orElseGet(() -> kms.shareKek(device));
    }

    /** The material of a key, exported by the device under the test's KEK (as a key-management centre would get it). */
    private byte[] material(KeyId key) {
        return kms.unwrap(device.exportKey(key, testKek()));
    }

    private KeyView key(String label, int version) {
        return users.as(A, () -> keys.key(label, version));
    }

    /** Backup of {@code key} by A (co-signed by B), both custodians taking custody with their secrets. */
    private CeremonyView backUp(String label, int version) {
        CeremonyView started = users.as(A, () -> ceremonies.startCeremony(new CeremonyRequest(KeyOperation.BACKUP, PURPOSE,
                KeyHierarchy.parse(label).orElseThrow().level(), KeyHierarchy.parse(label).orElseThrow().region().value(),
                version, null, List.of(A, B), "测试：备份")));
        coSign(B, started.id());
        TaskRef custodyA = task(A, started.id(), KeyCeremonyService.CUSTODY_TASK);
        TaskRef custodyB = task(B, started.id(), KeyCeremonyService.CUSTODY_TASK);
        users.run(A, () -> ceremonies.takeCustody(custodyA.taskId(), SECRET_A, SECRET_A));
        users.run(B, () -> ceremonies.takeCustody(custodyB.taskId(), SECRET_B, SECRET_B));
        return ceremony(started.id());
    }

    /** A recovery from {@code backupId} started by B, co-signed by A; returns it waiting for the components. */
    private CeremonyView startRecovery(String backupId) {
        CeremonyView started = users.as(B, () -> ceremonies.startCeremony(new CeremonyRequest(KeyOperation.RECOVER, null,
                null, null, null, backupId, List.of(), "测试：恢复")));
        coSign(A, started.id());
        assertThat(ceremony(started.id()).status()).isEqualTo(CeremonyStatus.AWAITING_CUSTODIANS);
        return started;
    }

    private void present(String user, String ceremonyId, String secret) {
        TaskRef t = task(user, ceremonyId, KeyCeremonyService.PRESENT_TASK);
        users.run(user, () -> ceremonies.presentComponent(t.taskId(), secret != null, secret));
    }

    // ---------------------------------------------------------------- KEY-01

    @Test
    @DisplayName("KEY-01 KEY-02 the root is generated by the device, provincial and city keys derived by the documented rule: their check values equal an independent SM4 computation from the root")
    void hierarchy() {
        ensureRoot();
        CeremonyView province = made(KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "120000");
        CeremonyView city = made(KeyOperation.GENERATE, KeyLevel.CITY, "120100");

        byte[] root = material(device.currentKey("hc.internal-auth.root"));
        byte[] p = KnownKeys.diversify(root, HEX.parseHex("12FFFFFFFFFF0001"));
        byte[] c = KnownKeys.diversify(p, HEX.parseHex("1201FFFFFFFF0001"));
        KeyView provincial = key("hc.internal-auth.120000", 1);
        KeyView cityKey = key("hc.internal-auth.120100", 1);
        assertThat(provincial.checkValue()).isEqualTo(KnownKeys.checkValue(p)).isEqualTo(province.keyCheckValue());
        assertThat(cityKey.checkValue()).isEqualTo(KnownKeys.checkValue(c)).isEqualTo(city.keyCheckValue());
        assertThat(provincial.level()).isEqualTo(KeyLevel.PROVINCIAL);
        assertThat(provincial.origin()).isEqualTo(KeyOrigin.DERIVED);
        assertThat(provincial.parent()).isEqualTo("hc.internal-auth.root v1");
        assertThat(cityKey.parent()).isEqualTo("hc.internal-auth.120000 v1");
        assertThat(provincial.createdBy()).isEqualTo("冯密管");
        assertThat(provincial.approvedBy()).isEqualTo("褚密管");
        assertThat(key("hc.internal-auth.root", 1).origin()).isEqualTo(KeyOrigin.GENERATED);
        assertThat(users.as(A, () -> keys.keys())).extracting(KeyView::label)
                .contains("hc.internal-auth.root", "hc.internal-auth.120000", "hc.internal-auth.120100",
                        "hc.app-data-read.root", "hc.app-data-read.110000", "hc.app-data-read.110100")
                .doesNotContain(CryptoDevice.KEK_LABEL, "ehc.app-data-read");
        assertThat(users.as("auditor", () -> keys.keys())).as("an auditor of Beijing sees Beijing's keys only")
                .extracting(KeyView::label).contains("hc.app-data-read.110000", "hc.app-data-read.110100")
                .doesNotContain("hc.app-data-read.root", "hc.internal-auth.120000");
        assertThat(jdbc.queryForObject("SELECT diversification FROM key_registry WHERE label = ? AND version = 1",
                String.class, "hc.internal-auth.120100")).isEqualTo("1201FFFFFFFF0001");
        assertNoKeyMaterial(List.of(root, p, c));
    }

    @Test
    @DisplayName("KEY-01 a child needs its parent; generating an existing label is refused field by field; a provincial key admin may not make national or provincial keys")
    void generationRules() {
        ensureRoot();
        assertThatThrownBy(() -> start(A, KeyOperation.GENERATE, KeyLevel.CITY, "210100"))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("hc.internal-auth.210000");
        assertThatThrownBy(() -> start(A, KeyOperation.GENERATE, KeyLevel.NATIONAL, null))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("已存在");
        assertThatThrownBy(() -> start(A, KeyOperation.UPDATE, KeyLevel.PROVINCIAL, "210000"))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("尚不存在");
        assertThatThrownBy(() -> users.as(A, () -> ceremonies.startCeremony(new CeremonyRequest(KeyOperation.GENERATE,
                null, null, null, null, null, List.of(), " ")))).isInstanceOfSatisfying(DomainValidationException.class,
                e -> assertThat(e.violations()).extracting(v -> v.field()).contains("purpose", "level", "reason"));
        assertThatThrownBy(() -> start("admin", KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "210000"))
                .as("a system administrator is not a key administrator").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> start("auditor", KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "210000"))
                .isInstanceOf(AccessDeniedException.class);
    }

    // ---------------------------------------------------------------- KEY-02: two-person rule

    @Test
    @DisplayName("KEY-02 two-person rule: nothing happens until a second key administrator co-signs; the initiator's own co-signature is refused by the service")
    void twoPersonRule() {
        ensureRoot();
        CeremonyView started = start(A, KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "130000");
        assertThat(started.status()).isEqualTo(CeremonyStatus.AWAITING_COSIGN);
        assertThat(device.listKeys()).noneMatch(k -> k.id().label().equals("hc.internal-auth.130000"));

        TaskRef own = task(A, started.id(), KeyCeremonyService.COSIGN_TASK);
        assertThatThrownBy(() -> users.as(A, () -> ceremonies.coSign(own.taskId(),
                KeyCeremonyService.coSignature("APPROVE", null))))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("双人控制");
        assertThat(device.listKeys()).noneMatch(k -> k.id().label().equals("hc.internal-auth.130000"));
        assertThat(ceremony(started.id()).status()).isEqualTo(CeremonyStatus.AWAITING_COSIGN);
        assertThatThrownBy(() -> start(B, KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "130000"))
                .as("one open generation per key").isInstanceOf(ConflictException.class);

        CeremonyView done = coSign(B, started.id());
        assertThat(done.status()).isEqualTo(CeremonyStatus.COMPLETED);
        assertThat(done.initiatedBy()).isEqualTo(A);
        assertThat(done.cosignedBy()).isEqualTo(B);
        assertThat(device.currentKey("hc.internal-auth.130000")).isEqualTo(new KeyId("hc.internal-auth.130000", 1));
        assertThat(jdbc.queryForList("SELECT event_type FROM audit_event WHERE case_ref = ? ORDER BY id",
                String.class, started.id())).containsSubsequence("KeyCeremonyStarted", "KeyCeremonyCoSigned",
                "KeyGenerated");
        assertThatThrownBy(() -> jdbc.update("UPDATE key_ceremony SET cosigned_by = initiated_by WHERE id = ?",
                started.id())).as("the database refuses one person twice as well");
    }

    @Test
    @DisplayName("KEY-02 a refused ceremony (with its reason) changes nothing; refusing needs a comment")
    void refused() {
        ensureRoot();
        CeremonyView started = start(A, KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "140000");
        TaskRef t = task(B, started.id(), KeyCeremonyService.COSIGN_TASK);
        assertThatThrownBy(() -> users.as(B, () -> ceremonies.coSign(t.taskId(),
                KeyCeremonyService.coSignature("REFUSE", null))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("复核意见");

        CeremonyView refused = users.as(B, () -> ceremonies.coSign(t.taskId(),
                KeyCeremonyService.coSignature("REFUSE", "事由不充分")));

        assertThat(refused.status()).isEqualTo(CeremonyStatus.REFUSED);
        assertThat(refused.cosignComment()).isEqualTo("事由不充分");
        assertThat(device.listKeys()).noneMatch(k -> k.id().label().equals("hc.internal-auth.140000"));
    }

    @Test
    @DisplayName("KEY-02 BPM-01 the ceremony on the case kit: KC number, a ceremony is never sent back (400 on decision), another step's task is 409 WRONG_TASK, an unknown task 404")
    void caseKitAnswers() {
        ensureRoot();
        CeremonyView started = start(A, KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "510000");
        assertThat(started.id()).matches("KC\\d{8}\\d{4}");
        TaskRef t = task(B, started.id(), KeyCeremonyService.COSIGN_TASK);

        assertThatThrownBy(() -> users.as(B, () -> ceremonies.coSign(t.taskId(),
                KeyCeremonyService.coSignature("RETURN", "请补充材料"))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                        .extracting(FieldViolation::field).containsExactly("decision"));
        assertThatThrownBy(() -> users.as(B, () -> ceremonies.takeCustody(t.taskId(), "口令口令口令口令", "口令口令口令口令")))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(CaseTasks.WRONG_TASK));
        assertThatThrownBy(() -> users.as(B, () -> ceremonies.presentComponent(t.taskId(), false, null)))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(CaseTasks.WRONG_TASK));
        assertThatThrownBy(() -> users.as(B, () -> ceremonies.coSign("no-such-task",
                KeyCeremonyService.coSignature("APPROVE", null))))
                .isInstanceOf(NotFoundException.class);
        assertThat(ceremony(started.id()).status()).isEqualTo(CeremonyStatus.AWAITING_COSIGN);

        users.run(B, () -> ceremonies.coSign(t.taskId(), KeyCeremonyService.coSignature("REFUSE", "测试结束")));
    }

    // ---------------------------------------------------------------- KEY-02: update, archive, distribute

    @Test
    @DisplayName("KEY-02 update makes version 2 (derived with version 2 in f) and archives version 1, which still decrypts but no longer encrypts; archive by one key administrator")
    void updateAndArchive() {
        ensureRoot();
        made(KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "150000");
        KeyId v1 = new KeyId("hc.internal-auth.150000", 1);
        DerivedKey cardKey = new DerivedKey(v1, HEX.parseHex("1501000000000001"));
        byte[] block = HEX.parseHex("00112233445566778899AABBCCDDEEFF");
        byte[] sealed = device.sm4EncryptEcb(cardKey, block);

        CeremonyView update = made(KeyOperation.UPDATE, KeyLevel.PROVINCIAL, "150000");

        assertThat(update.keyVersion()).isEqualTo(2);
        byte[] root = material(device.currentKey("hc.internal-auth.root"));
        assertThat(key("hc.internal-auth.150000", 2).checkValue())
                .isEqualTo(KnownKeys.checkValue(KnownKeys.diversify(root, HEX.parseHex("15FFFFFFFFFF0002"))));
        assertThat(key("hc.internal-auth.150000", 1).state()).isEqualTo(KeyState.ARCHIVED);
        assertThat(key("hc.internal-auth.150000", 2).state()).isEqualTo(KeyState.ACTIVE);
        assertThat(device.sm4DecryptEcb(cardKey, sealed)).as("old data stays readable").isEqualTo(block);
        assertThatThrownBy(() -> device.sm4EncryptEcb(cardKey, block)).isInstanceOf(CryptoException.class);

        assertThatThrownBy(() -> users.as(A, () -> keys.archive("hc.internal-auth.150000", 2, " ")))
                .isInstanceOf(DomainValidationException.class);
        KeyView archived = users.as(B, () -> keys.archive("hc.internal-auth.150000", 2, "省级密钥停用"));
        assertThat(archived.state()).isEqualTo(KeyState.ARCHIVED);
        assertThatThrownBy(() -> users.as(A, () -> keys.archive("hc.internal-auth.150000", 2, "再次")))
                .isInstanceOf(ConflictException.class);
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_event WHERE event_type = 'KeyArchived' AND subject_id = ?",
                String.class, "hc.internal-auth.150000 v2")).contains("省级密钥停用", archived.checkValue());
    }

    @Test
    @DisplayName("KEY-02 distribution: an HCKD1 file with label, version, check value and the key wrapped under the receiver's transport key, which imports on the receiver's device with the same check value; never the root, never outside the key's region")
    void distribution(@TempDir Path receiverDirectory) throws Exception {
        ensureRoot();
        if (device.listKeys().stream().noneMatch(k -> k.id().label().equals("hc.internal-auth.110000"))) {
            made(KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "110000"); // unless the demo data made it
        }
        SoftwareCryptoDevice receiverDevice = new SoftwareCryptoDevice(receiverDirectory.resolve("bj.keystore"),
                "ffeeddccbbaa99887766554433221100");
        KeyId receiverTransport = receiverDevice.currentKey(CryptoDevice.TRANSPORT_LABEL);
        ReceiverRegistration registration = users.as(A, () -> distribution.registerReceiver("BJ-110000",
                HEX.formatHex(receiverDevice.publicKey(receiverTransport))));
        KeyId sharedKek = receiverDevice.importKeyEnvelope(receiverTransport,
                Base64.getDecoder().decode(registration.envelope()), "transport.from-nhc").id();
        assertThat(receiverDevice.keyCheckValue(sharedKek)).isEqualTo(registration.receiver().transportCheckValue());

        assertThatThrownBy(() -> users.as(A, () -> distribution.registerReceiver("BJ-110000", "04" + "00".repeat(64))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("不是有效的 SM2 公钥");
        assertThatThrownBy(() -> users.as(A, () -> distribution.registerReceiver("BJ-110105",
                HEX.formatHex(receiverDevice.publicKey(receiverTransport))))).as("a service point receives no keys")
                .isInstanceOf(DomainValidationException.class);

        KeyDistribution file = users.as(A, () -> distribution.distribute("hc.internal-auth.110000", 1, "BJ-110000"));

        JsonNode json = new ObjectMapper().readTree(file.content());
        assertThat(json.get("format").asText()).isEqualTo("HCKD1");
        assertThat(json.get("label").asText()).isEqualTo("hc.internal-auth.110000");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("receiver").get("institutionCode").asText()).isEqualTo("BJ-110000");
        assertThat(file.fileName()).isEqualTo("hc.internal-auth.110000-v1-BJ-110000.hckd.json");
        WrappedKey wrapped = WrappedKey.parse(json.get("wrappedKey").asText());
        var imported = receiverDevice.importKey(wrapped, sharedKek);
        assertThat(imported.checkValue()).isEqualTo(json.get("checkValue").asText())
                .isEqualTo(key("hc.internal-auth.110000", 1).checkValue());

        assertThatThrownBy(() -> users.as(A, () -> distribution.distribute("hc.internal-auth.root", 1, "BJ-110000")))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("一级根密钥不分发");
        assertThatThrownBy(() -> users.as(A, () -> distribution.distribute("hc.internal-auth.110000", 1, "SH-310000")))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("不在密钥");
        assertThatThrownBy(() -> users.as("auditor", () -> distribution.distribute("hc.internal-auth.110000", 1,
                "BJ-110000"))).isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_event WHERE event_type = 'KeyDistributed' "
                + "AND subject_id = 'hc.internal-auth.110000 v1'", String.class)).contains("BJ-110000",
                imported.checkValue());
        assertNoKeyMaterial(List.of(material(new KeyId("hc.internal-auth.110000", 1))), file.content());
    }

    // ---------------------------------------------------------------- KEY-02: backup and recovery

    @Test
    @DisplayName("KEY-02 backup: one component per custodian, each taken into custody by that custodian only, under a secret typed twice; recovery after the key was destroyed restores it with the same check value, a drill on a held key only verifies")
    void backupAndRecovery() {
        ensureRoot();
        made(KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "220000");
        KeyId id = new KeyId("hc.internal-auth.220000", 1);
        String checkValue = key(id.label(), 1).checkValue();
        CeremonyView started = users.as(A, () -> ceremonies.startCeremony(new CeremonyRequest(KeyOperation.BACKUP, PURPOSE,
                KeyLevel.PROVINCIAL, "220000", null, null, List.of(A, B), "测试：备份")));
        coSign(B, started.id());
        CeremonyView pending = ceremony(started.id());
        assertThat(pending.status()).isEqualTo(CeremonyStatus.AWAITING_CUSTODIANS);
        assertThat(pending.components()).extracting(CeremonyView.ComponentView::status)
                .containsExactly("PENDING", "PENDING");

        TaskRef custodyB = task(B, started.id(), KeyCeremonyService.CUSTODY_TASK);
        assertThatThrownBy(() -> users.as(A, () -> ceremonies.takeCustody(custodyB.taskId(), SECRET_A, SECRET_A)))
                .as("only the custodian takes their component").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as(B, () -> ceremonies.takeCustody(custodyB.taskId(), SECRET_B, SECRET_B + "x")))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("不一致");
        assertThatThrownBy(() -> users.as(B, () -> ceremonies.takeCustody(custodyB.taskId(), "short", "short")))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("8至64");
        TaskRef custodyA = task(A, started.id(), KeyCeremonyService.CUSTODY_TASK);
        users.run(A, () -> ceremonies.takeCustody(custodyA.taskId(), SECRET_A, SECRET_A));
        users.run(B, () -> ceremonies.takeCustody(custodyB.taskId(), SECRET_B, SECRET_B));
        CeremonyView backup = ceremony(started.id());
        assertThat(backup.status()).isEqualTo(CeremonyStatus.COMPLETED);
        assertThat(backup.components()).extracting(CeremonyView.ComponentView::status).containsExactly("HELD", "HELD");
        assertThat(key(id.label(), 1).custodians()).containsExactly("冯密管", "褚密管");
        assertThat(jdbc.queryForList("SELECT sealed FROM key_component WHERE ceremony_id = ?", String.class,
                backup.id())).allSatisfy(s -> assertThat(s).startsWith("HCKC1:hc.internal-auth.220000:1:")
                .contains(":" + backup.id() + ":").contains(":S:"));

        // a drill: the key is held, the components are verified
        CeremonyView drill = startRecovery(backup.id());
        present(A, drill.id(), SECRET_A);
        present(B, drill.id(), SECRET_B);
        assertThat(ceremony(drill.id()).status()).isEqualTo(CeremonyStatus.COMPLETED);
        assertThat(ceremony(drill.id()).outcome()).contains("无需恢复");
        assertThat(key(id.label(), 1).origin()).isEqualTo(KeyOrigin.DERIVED);

        // the disaster: the key is gone from the device
        device.destroy(id);
        CeremonyView recovery = startRecovery(backup.id());
        present(B, recovery.id(), SECRET_B);
        present(A, recovery.id(), SECRET_A);
        CeremonyView recovered = ceremony(recovery.id());
        assertThat(recovered.status()).as(recovered.outcome()).isEqualTo(CeremonyStatus.COMPLETED);
        assertThat(recovered.outcome()).contains("已由备份 " + backup.id());
        KeyView restored = key(id.label(), 1);
        assertThat(restored.state()).isEqualTo(KeyState.ACTIVE);
        assertThat(restored.origin()).isEqualTo(KeyOrigin.RECOVERED);
        assertThat(restored.checkValue()).isEqualTo(checkValue);
        assertThat(jdbc.queryForList("SELECT sealed FROM key_component WHERE ceremony_id = ?", String.class,
                recovery.id())).as("presented components are forgotten after the recovery").containsOnlyNulls();
        assertNoKeyMaterial(List.of(material(id)));
    }

    @Test
    @DisplayName("KEY-02 a recovery with a missing component fails with a message naming it and its custodian, and changes nothing")
    void recoveryWithAMissingComponent() {
        ensureRoot();
        made(KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "230000");
        KeyId id = new KeyId("hc.internal-auth.230000", 1);
        CeremonyView backup = backUp(id.label(), 1);
        device.destroy(id);

        CeremonyView recovery = startRecovery(backup.id());
        present(A, recovery.id(), SECRET_A);
        present(B, recovery.id(), null); // 褚密管 cannot present component 2

        CeremonyView failed = ceremony(recovery.id());
        assertThat(failed.status()).isEqualTo(CeremonyStatus.FAILED);
        assertThat(failed.outcome()).contains("缺少第 2 号分量（保管人 褚密管）").contains("恢复需要全部 2 个分量")
                .contains("未做任何更改");
        assertThat(device.keyInfo(id).orElseThrow().state()).as("nothing changed").isEqualTo(KeyState.DESTROYED);
        assertThat(failed.components()).extracting(CeremonyView.ComponentView::status)
                .containsExactly("PRESENTED", "UNAVAILABLE");
        assertThat(jdbc.queryForList("SELECT sealed FROM key_component WHERE ceremony_id = ?", String.class,
                recovery.id())).containsOnlyNulls();
        assertThat(jdbc.queryForList("SELECT event_type FROM audit_event WHERE case_ref = ? ORDER BY id",
                String.class, recovery.id())).contains("KeyComponentPresented", "KeyComponentUnavailable",
                "KeyCeremonyFailed").doesNotContain("KeyRecovered");

        // all components present: the same backup restores the key
        CeremonyView again = startRecovery(backup.id());
        present(A, again.id(), SECRET_A);
        present(B, again.id(), SECRET_B);
        assertThat(ceremony(again.id()).status()).isEqualTo(CeremonyStatus.COMPLETED);
        assertThat(device.keyInfo(id).orElseThrow().state()).isEqualTo(KeyState.ACTIVE);
    }

    @Test
    @DisplayName("KEY-02 a wrong component is refused when presented — a wrong secret, or a component of another backup put in its place — audited, the task stays open, nothing changes")
    void recoveryWithAWrongComponent() {
        ensureRoot();
        made(KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "320000");
        KeyId id = new KeyId("hc.internal-auth.320000", 1);
        CeremonyView first = backUp(id.label(), 1);
        CeremonyView second = backUp(id.label(), 1);
        String original = jdbc.queryForObject("SELECT sealed FROM key_component WHERE ceremony_id = ? AND "
                + "component_index = 2", String.class, first.id());
        String other = jdbc.queryForObject("SELECT sealed FROM key_component WHERE ceremony_id = ? AND "
                + "component_index = 2", String.class, second.id());
        device.destroy(id);
        CeremonyView recovery = startRecovery(first.id());

        TaskRef presentA = task(A, recovery.id(), KeyCeremonyService.PRESENT_TASK);
        assertThatThrownBy(() -> users.as(A, () -> ceremonies.presentComponent(presentA.taskId(), true, SECRET_B)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("分量口令错误");
        jdbc.update("UPDATE key_component SET sealed = ? WHERE ceremony_id = ? AND component_index = 2", other,
                first.id());
        try {
            TaskRef presentB = task(B, recovery.id(), KeyCeremonyService.PRESENT_TASK);
            assertThatThrownBy(() -> users.as(B, () -> ceremonies.presentComponent(presentB.taskId(), true, SECRET_B)))
                    .isInstanceOf(DomainValidationException.class)
                    .hasMessageContaining("分量不属于备份 " + first.id());
        } finally {
            jdbc.update("UPDATE key_component SET sealed = ? WHERE ceremony_id = ? AND component_index = 2",
                    original, first.id());
        }
        assertThat(ceremony(recovery.id()).status()).isEqualTo(CeremonyStatus.AWAITING_CUSTODIANS);
        assertThat(ceremony(recovery.id()).components()).isEmpty();
        assertThat(device.keyInfo(id).orElseThrow().state()).isEqualTo(KeyState.DESTROYED);
        assertThat(jdbc.queryForList("SELECT detail FROM audit_event WHERE case_ref = ? AND event_type = "
                + "'KeyComponentRejected' ORDER BY id", String.class, recovery.id())).hasSize(2);

        // the right secrets: the recovery goes on
        present(A, recovery.id(), SECRET_A);
        present(B, recovery.id(), SECRET_B);
        assertThat(ceremony(recovery.id()).status()).isEqualTo(CeremonyStatus.COMPLETED);
        assertThat(device.keyInfo(id).orElseThrow().state()).isEqualTo(KeyState.ACTIVE);
    }

    @Test
    @DisplayName("KEY-02 a backup needs two or three different key administrators as custodians; recovery only from a completed backup")
    void backupRules() {
        ensureRoot();
        assertThatThrownBy(() -> users.as(A, () -> ceremonies.startCeremony(new CeremonyRequest(KeyOperation.BACKUP,
                PURPOSE, KeyLevel.NATIONAL, null, null, null, List.of(A, A), "测试"))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("重复");
        assertThatThrownBy(() -> users.as(A, () -> ceremonies.startCeremony(new CeremonyRequest(KeyOperation.BACKUP,
                PURPOSE, KeyLevel.NATIONAL, null, null, null, List.of(A, "clerk"), "测试"))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("不是密钥管理员");
        assertThatThrownBy(() -> users.as(A, () -> ceremonies.startCeremony(new CeremonyRequest(KeyOperation.BACKUP,
                PURPOSE, KeyLevel.NATIONAL, null, null, null, List.of(A), "测试"))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("至少需要 2 名");
        CeremonyView pending = users.as(A, () -> ceremonies.startCeremony(new CeremonyRequest(KeyOperation.BACKUP,
                PURPOSE, KeyLevel.NATIONAL, null, null, null, List.of(A, B), "测试")));
        assertThatThrownBy(() -> users.as(B, () -> ceremonies.startCeremony(new CeremonyRequest(KeyOperation.RECOVER, null,
                null, null, null, pending.id(), List.of(), "测试")))).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("尚未完成");
        TaskRef t = task(B, pending.id(), KeyCeremonyService.COSIGN_TASK);
        users.run(B, () -> ceremonies.coSign(t.taskId(), KeyCeremonyService.coSignature("REFUSE", "测试结束")));
    }

    // ---------------------------------------------------------------- KEY-03

    /**
     * No key material (raw bytes as hex or Base64) nor a custodian's secret in any view of the key screens, any audit
     * entry, any row of the key tables or any process variable of a key ceremony.
     */
    private void assertNoKeyMaterial(List<byte[]> materials, String... moreTexts) {
        List<String> forbidden = new ArrayList<>(List.of(SECRET_A, SECRET_B));
        for (byte[] m : materials) {
            forbidden.add(HEX.formatHex(m));
            forbidden.add(Base64.getEncoder().encodeToString(m));
            forbidden.add(Base64.getEncoder().withoutPadding().encodeToString(m));
        }
        List<String> texts = new ArrayList<>(List.of(moreTexts));
        users.run(A, () -> {
            keys.keys().forEach(k -> texts.add(k.toString()));
            ceremonies.ceremonies().forEach(c -> texts.add(c.toString()));
            distribution.receivers().forEach(r -> texts.add(r.toString()));
        });
        jdbc.queryForList("SELECT detail FROM audit_event WHERE detail IS NOT NULL", String.class).forEach(texts::add);
        for (String table : List.of("key_registry", "key_ceremony", "key_component", "key_receiver")) {
            jdbc.queryForList("SELECT * FROM " + table).forEach(row -> texts.add(row.toString()));
        }
        history.createHistoricVariableInstanceQuery().list().forEach(v -> texts.add(String.valueOf(v.getValue())));
        for (String text : texts) {
            for (String secret : forbidden) {
                assertThat(text.toUpperCase()).as("no key material or secret in: %s", text)
                        .doesNotContain(secret.toUpperCase());
            }
        }
    }

    @Test
    @DisplayName("KEY-03 no view, audit entry, key table row or process variable holds key material or a custodian's secret, after generation, update, backup, recovery and distribution")
    void noKeyMaterialAnywhere() {
        ensureRoot();
        made(KeyOperation.GENERATE, KeyLevel.PROVINCIAL, "330000");
        made(KeyOperation.GENERATE, KeyLevel.CITY, "330100");
        made(KeyOperation.UPDATE, KeyLevel.CITY, "330100");
        CeremonyView backup = backUp("hc.internal-auth.330000", 1);
        CeremonyView recovery = startRecovery(backup.id());
        present(A, recovery.id(), SECRET_A);
        present(B, recovery.id(), SECRET_B);
        List<byte[]> materials = new ArrayList<>();
        for (String label : List.of("hc.internal-auth.root", "hc.internal-auth.330000", "hc.internal-auth.330100")) {
            materials.add(material(device.currentKey(label)));
        }
        assertThat(users.as("auditor", () -> keys.keys())).isNotEmpty();
        assertNoKeyMaterial(materials);
        assertThat(jdbc.queryForList("SELECT detail FROM audit_event WHERE case_ref = ?", String.class, backup.id()))
                .anySatisfy(d -> assertThat(d).contains("split into 2 components"));
        Map<String, Object> component = jdbc.queryForMap("SELECT * FROM key_component WHERE ceremony_id = ? AND "
                + "component_index = 1", backup.id());
        assertThat(component.get("CHECK_VALUE").toString()).matches("[0-9A-F]{8}");
        assertThat(RegionCode.of("330100").level()).isEqualTo(RegionCode.Level.CITY);
    }
}
