package cn.healthcard.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.card.CardService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.card.CardStatus;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.CryptoProperties;
import cn.healthcard.crypto.KeyRef;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.keys.PersonalDataKeyService.ReencryptionRun;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The personal-data key update as a key ceremony under the two-person rule, and the re-encryption job, on H2 with the
 * application's crypto device (decisions 014, 017).
 */
@IntegrationTest
@DisplayName("KEY-02 PER-05 personal-data key update and re-encryption of the stored data (decision 017)")
class PersonalDataReencryptionIT {

    @Autowired PersonalDataKeyService keys;
    @Autowired CryptoPort crypto;
    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired InstitutionService institutions;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired KeyCeremonyService ceremonies;
    @Autowired TaskInboxService inbox;

    /** A personal-data key update started by {@code initiator}; nothing is changed yet. */
    private CeremonyView startUpdate(String initiator, String reason) {
        return users.as(initiator, () -> ceremonies.startPersonalDataKeyUpdate(reason));
    }

    private TaskRef coSignTask(String user, String ceremonyId) {
        return users.as(user, () -> inbox.find(TaskFilter.all(), 0, 500)).stream()
                .filter(t -> ceremonyId.equals(t.businessKey())
                        && KeyCeremonyService.COSIGN_TASK.equals(t.taskDefinitionKey()))
                .findFirst().orElseThrow(() -> new AssertionError("no co-signature task of " + ceremonyId));
    }

    private CeremonyView coSign(String user, String ceremonyId, String decision, String comment) {
        TaskRef task = coSignTask(user, ceremonyId);
        return users.as(user, () -> ceremonies.coSign(task.taskId(),
                KeyCeremonyService.coSignature(decision, comment)));
    }

    /** The run a ceremony started after its commit, once it has ended. */
    private ReencryptionRun runOf(String ceremonyId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Optional<ReencryptionRun> run = users.as("keyadmin", keys::latestRun);
            if (run.isPresent() && ceremonyId.equals(run.get().ceremonyId())
                    && run.get().state() != ReencryptionRun.State.RUNNING) {
                return run.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the re-encryption run of " + ceremonyId + " did not end within 60 s");
    }

    private int currentVersion() {
        return crypto.currentVersion(KeyRef.PERSONAL_DATA);
    }

    @Test
    @DisplayName("KEY-02 PER-05 a personal-data key update is a key ceremony: started by one key administrator, nothing changes until a second co-signs; then the next version is made (old data stays readable), the re-encryption run rewrites every column (a legacy ciphertext without header too) under it, audited; a second run rewrites nothing")
    void updateAndReencrypt() throws Exception {
        CardFixtures fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
        String institution = fixtures.institution("IT-110105-PD", "北京市朝阳区个人数据测试服务点", "110105");
        String cardNo = fixtures.card("110105", institution, "钱重加", CardStatus.ACTIVE);
        String residentId = users.as("clerk", () -> cards.find(cardNo)).orElseThrow().residentId();
        // a value written before decision 017: no header, under the configured (demo) key, i.e. version 1
        jdbc.update("UPDATE resident SET phone_enc = ? WHERE id = ?", legacyCiphertext("13800138000"), residentId);

        int before = currentVersion();
        CeremonyView started = startUpdate("keyadmin", "测试：个人数据密钥更新");
        assertThat(started.operation()).isEqualTo(KeyOperation.UPDATE_PD_KEY);
        assertThat(started.status()).isEqualTo(CeremonyStatus.AWAITING_COSIGN);
        assertThat(started.keyLabel()).isEqualTo(KeyRef.PERSONAL_DATA.label());
        assertThat(currentVersion()).as("nothing changes before the co-signature").isEqualTo(before);

        CeremonyView done = coSign("keyadmin2", started.id(), "APPROVE", null);
        assertThat(done.status()).as(done.outcome()).isEqualTo(CeremonyStatus.COMPLETED);
        int updated = currentVersion();
        assertThat(updated).isEqualTo(before + 1);
        assertThat(done.keyVersion()).isEqualTo(updated);
        assertThat(done.cosignedBy()).isEqualTo("keyadmin2");
        assertThat(users.as("keyadmin", keys::versions)).filteredOn(k -> k.id().version() < updated)
                .isNotEmpty().allMatch(k -> k.state() != KeyState.ACTIVE);
        ResidentData read = SecurityContextUsers.runAsSystem(() -> residents.details(residentId, "测试：更新后读取"));
        assertThat(read.name()).isEqualTo("钱重加");
        assertThat(read.phone()).isEqualTo("13800138000");

        ReencryptionRun run = runOf(started.id());
        assertThat(run.state()).as(run.error()).isEqualTo(ReencryptionRun.State.COMPLETED);
        assertThat(run.targetVersion()).isEqualTo(updated);
        for (PersonalDataKeyService.EncryptedColumn c : PersonalDataKeyService.COLUMNS) {
            List<String> values = jdbc.queryForList("SELECT " + c.column() + " FROM " + c.table() + " WHERE "
                    + c.column() + " IS NOT NULL", String.class);
            assertThat(values).as(c.toString()).allSatisfy(v -> {
                assertThat(crypto.keyVersion(KeyRef.PERSONAL_DATA, Base64.getDecoder().decode(v))).isEqualTo(updated);
                assertThat(crypto.isBound(Base64.getDecoder().decode(v))).as("bound (decision 022)").isTrue();
            });
        }
        ResidentData after = SecurityContextUsers.runAsSystem(() -> residents.details(residentId, "测试：重新加密后读取"));
        assertThat(after.name()).isEqualTo("钱重加");
        assertThat(after.phone()).isEqualTo("13800138000");

        ReencryptionRun again = users.as("keyadmin", keys::reencryptNow);
        assertThat(again.rewritten()).as("idempotent").isZero();
        assertThat(again.targetVersion()).as("a run by one person only ever targets the current version")
                .isEqualTo(updated);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE event_type = "
                + "'PersonalDataReencryptionFinished' AND subject_id = ?", Long.class, run.id())).isEqualTo(1);
        for (String type : List.of("KeyCeremonyStarted", "KeyCeremonyCoSigned")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE event_type = ? AND subject_id = ?",
                    Long.class, type, started.id())).as(type).isEqualTo(1);
        }
        assertThat(jdbc.queryForList("SELECT detail FROM audit_event WHERE event_type = 'PersonalDataKeyUpdated' "
                + "AND subject_id = ?", String.class, KeyRef.PERSONAL_DATA.label() + " v" + updated))
                .singleElement().asString().contains("ceremony=" + started.id(), "keyadmin+keyadmin2");
        assertThat(jdbc.queryForList("SELECT detail FROM audit_event WHERE event_type = "
                + "'PersonalDataReencryptionStarted' AND subject_id = ?", String.class, run.id()))
                .singleElement().asString().contains(started.id());
    }

    @Test
    @DisplayName("KEY-02 SEC-01 two-person rule: one key administrator alone cannot make a new personal-data key version by any service call (the starter cannot co-sign, a run by one person only re-encrypts under the current version); a refusal ends the ceremony with nothing changed")
    void oneAdministratorAloneCannotUpdate() throws Exception {
        int before = currentVersion();
        CeremonyView started = startUpdate("keyadmin", "测试：单人不能更新");
        assertThatThrownBy(() -> coSign("keyadmin", started.id(), "APPROVE", null))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("双人控制");
        assertThatThrownBy(() -> startUpdate("keyadmin2", "测试：重复发起"))
                .as("one open update at a time").isInstanceOf(ConflictException.class);
        ReencryptionRun alone = users.as("keyadmin", keys::reencryptNow);
        assertThat(alone.targetVersion()).isEqualTo(before);
        assertThat(currentVersion()).isEqualTo(before);
        assertThatThrownBy(() -> SecurityContextUsers.runAsSystem(() -> ceremonies.execute(started.id())))
                .as("the execution refuses a ceremony without a second person")
                .isInstanceOf(IllegalStateException.class);
        assertThat(currentVersion()).isEqualTo(before);
        assertThat(PersonalDataKeyService.class.getMethods()).extracting(java.lang.reflect.Method::getName)
                .as("no public way around the ceremony").noneMatch(n -> n.toLowerCase().contains("update")
                        || n.toLowerCase().contains("version") && !n.equals("versions"));

        CeremonyView refused = coSign("keyadmin2", started.id(), "REFUSE", "测试：不同意");
        assertThat(refused.status()).isEqualTo(CeremonyStatus.REFUSED);
        assertThat(refused.keyVersion()).isNull();
        assertThat(currentVersion()).as("a refusal changes nothing").isEqualTo(before);
        assertThat(users.as("keyadmin", keys::latestRun)).map(ReencryptionRun::ceremonyId)
                .isNotEqualTo(Optional.of(started.id()));
    }

    @Test
    @DisplayName("KEY-02 SEC-01 only key administrators of the national centre start a personal-data key update and a re-encryption")
    void onlyKeyAdministrators() {
        assertThatThrownBy(() -> startUpdate("clerk", "不允许")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> startUpdate("admin", "不允许")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("admin", keys::startReencryption))
                .isInstanceOf(AccessDeniedException.class);
    }

    /** {@code iv || SM4-GCM(demo key) || tag}, Base64, as the configured-key adapter wrote it. */
    private static String legacyCiphertext(String plaintext) throws Exception {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        GCMModeCipher cipher = GCMBlockCipher.newInstance(new SM4Engine());
        cipher.init(true, new AEADParameters(new KeyParameter(HexFormat.of().parseHex(
                CryptoProperties.DEMO_PERSONAL_DATA_KEY)), 128, iv));
        byte[] data = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(iv, iv.length + cipher.getOutputSize(data.length));
        int n = cipher.processBytes(data, 0, data.length, out, iv.length);
        cipher.doFinal(out, iv.length + n);
        return Base64.getEncoder().encodeToString(out);
    }
}
