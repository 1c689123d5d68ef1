package cn.healthcard.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.CryptoProperties;
import cn.healthcard.crypto.KeyRef;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.keys.PersonalDataKeyService.ReencryptionRun;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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

/** The personal-data key update and the re-encryption job on H2 with the application's crypto device. */
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

    @Test
    @DisplayName("KEY-02 after an update old data stays readable; the re-encryption job rewrites every column (a legacy ciphertext without header too) under the new version, audited; a second run rewrites nothing")
    void updateAndReencrypt() throws Exception {
        CardFixtures fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
        String institution = fixtures.institution("IT-110105-PD", "北京市朝阳区个人数据测试服务点", "110105");
        String cardNo = fixtures.card("110105", institution, "钱重加", CardStatus.ACTIVE);
        String residentId = users.as("clerk", () -> cards.find(cardNo)).orElseThrow().residentId();
        // a value written before decision 017: no header, under the configured (demo) key, i.e. version 1
        jdbc.update("UPDATE resident SET phone_enc = ? WHERE id = ?", legacyCiphertext("13800138000"), residentId);

        KeyInfo updated = users.as("keyadmin", () -> keys.updateKey("测试：个人数据密钥更新"));
        assertThat(updated.state()).isEqualTo(KeyState.ACTIVE);
        assertThat(crypto.currentVersion(KeyRef.PERSONAL_DATA)).isEqualTo(updated.id().version());
        assertThat(users.as("keyadmin", keys::versions)).filteredOn(k -> k.id().version() < updated.id().version())
                .isNotEmpty().allMatch(k -> k.state() != KeyState.ACTIVE);
        ResidentData before = SecurityContextUsers.runAsSystem(() -> residents.details(residentId, "测试：更新后读取"));
        assertThat(before.name()).isEqualTo("钱重加");
        assertThat(before.phone()).isEqualTo("13800138000");

        ReencryptionRun run = users.as("keyadmin", keys::reencryptNow);
        assertThat(run.state()).isEqualTo(ReencryptionRun.State.COMPLETED);
        assertThat(run.targetVersion()).isEqualTo(updated.id().version());
        assertThat(run.rewritten()).isGreaterThanOrEqualTo(5);
        for (PersonalDataKeyService.EncryptedColumn c : PersonalDataKeyService.COLUMNS) {
            List<String> values = jdbc.queryForList("SELECT " + c.column() + " FROM " + c.table() + " WHERE "
                    + c.column() + " IS NOT NULL", String.class);
            assertThat(values).as(c.toString()).allSatisfy(v -> assertThat(
                    crypto.keyVersion(KeyRef.PERSONAL_DATA, Base64.getDecoder().decode(v)))
                    .isEqualTo(updated.id().version()));
        }
        ResidentData after = SecurityContextUsers.runAsSystem(() -> residents.details(residentId, "测试：重新加密后读取"));
        assertThat(after.name()).isEqualTo("钱重加");
        assertThat(after.phone()).isEqualTo("13800138000");

        ReencryptionRun again = users.as("keyadmin", keys::reencryptNow);
        assertThat(again.rewritten()).as("idempotent").isZero();
        assertThat(again.current()).as("rows written meanwhile are under the new version too")
                .isGreaterThanOrEqualTo(run.rewritten() + run.current());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE event_type = "
                + "'PersonalDataReencryptionFinished' AND subject_id = ?", Long.class, run.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE event_type = 'PersonalDataKeyUpdated'",
                Long.class)).isPositive();
    }

    @Test
    @DisplayName("KEY-02 SEC-01 only key administrators update the key and start a re-encryption")
    void onlyKeyAdministrators() {
        assertThatThrownBy(() -> users.as("clerk", () -> keys.updateKey("不允许")))
                .isInstanceOf(AccessDeniedException.class);
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
