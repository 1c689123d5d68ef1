package cn.healthcard.keys.internal;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyOrigin;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.keys.CeremonyRequest;
import cn.healthcard.keys.CeremonyStatus;
import cn.healthcard.keys.KeyCeremonyService;
import cn.healthcard.keys.KeyLevel;
import cn.healthcard.keys.KeyOperation;
import cn.healthcard.keys.KeyPurpose;
import cn.healthcard.workflow.Review;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static cn.healthcard.keys.KeyLevel.CITY;
import static cn.healthcard.keys.KeyLevel.NATIONAL;
import static cn.healthcard.keys.KeyLevel.PROVINCIAL;
import static cn.healthcard.keys.KeyOperation.BACKUP;
import static cn.healthcard.keys.KeyOperation.GENERATE;
import static cn.healthcard.keys.KeyOperation.RECOVER;
import static cn.healthcard.keys.KeyOperation.UPDATE;
import static cn.healthcard.keys.KeyOperation.UPDATE_PD_KEY;
import static cn.healthcard.keys.KeyPurpose.APP_DATA_READ;
import static cn.healthcard.keys.KeyPurpose.INTERNAL_AUTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("KEY-01 KEY-02 the rules of a key ceremony request: every case, accepted or refused field by field with its reason")
class CeremonyRulesTest {

    private static final String REASON = "年度轮换";
    private static final List<String> TWO = List.of("keyadmin", "keyadmin2");

    /**
     * The device: the internal-auth root active; Beijing's internal-auth key v1 archived and v2 active; Shanghai's v1
     * destroyed; Guangdong's v1 archived only; no app-data-read key at all; the personal-data key present (or not).
     */
    private static Facts facts(boolean personalDataKey) {
        Map<String, List<KeyInfo>> versions = Map.of(
                "hc.internal-auth.root", List.of(info("hc.internal-auth.root", 1, KeyState.ACTIVE)),
                "hc.internal-auth.110000", List.of(info("hc.internal-auth.110000", 1, KeyState.ARCHIVED),
                        info("hc.internal-auth.110000", 2, KeyState.ACTIVE)),
                "hc.internal-auth.310000", List.of(info("hc.internal-auth.310000", 1, KeyState.DESTROYED)),
                "hc.internal-auth.440000", List.of(info("hc.internal-auth.440000", 1, KeyState.ARCHIVED)),
                "pd.personal-data", personalDataKey ? List.of(info("pd.personal-data", 1, KeyState.ACTIVE)) : List.of());
        Map<String, CeremonyRules.Backup> backups = Map.of(
                "KC202601010001", new CeremonyRules.Backup("KC202601010001", CeremonyStatus.COMPLETED,
                        "hc.internal-auth.110000", 2, "CV110000V2", TWO),
                "KC202601010002", new CeremonyRules.Backup("KC202601010002", CeremonyStatus.AWAITING_CUSTODIANS,
                        "hc.internal-auth.110000", 2, "CV110000V2", TWO));
        return new Facts(versions, backups);
    }

    private record Facts(Map<String, List<KeyInfo>> versionsByLabel, Map<String, CeremonyRules.Backup> backups)
            implements CeremonyRules.Facts {

        @Override
        public Optional<CeremonyRules.Backup> backup(String id) {
            return Optional.ofNullable(backups.get(id));
        }

        @Override
        public List<KeyInfo> versions(String label) {
            return versionsByLabel.getOrDefault(label, List.of());
        }

        @Override
        public Set<String> keyAdministrators() {
            return Set.of("keyadmin", "keyadmin2", "keyadmin3", "keyadmin4");
        }

        @Override
        public String name(String username) {
            return "名" + username;
        }
    }

    private static KeyInfo info(String label, int version, KeyState state) {
        return new KeyInfo(KeyId.of(label, version), KeyType.SM4, KeyUsage.DERIVATION, state, KeyOrigin.GENERATED,
                Instant.EPOCH, "CV" + label.substring(label.lastIndexOf('.') + 1).toUpperCase() + "V" + version);
    }

    private static CeremonyRequest request(KeyOperation op, KeyPurpose purpose, KeyLevel level, String region,
                                           Integer version, String backupId, List<String> custodians, String reason) {
        return new CeremonyRequest(op, purpose, level, region, version, backupId, custodians, reason);
    }

    private static CeremonyRequest key(KeyOperation op, KeyPurpose purpose, KeyLevel level, String region) {
        return request(op, purpose, level, region, null, null, List.of(), REASON);
    }

    private static CeremonyRequest backup(String region, Integer version, List<String> custodians) {
        return request(BACKUP, INTERNAL_AUTH, PROVINCIAL, region, version, null, custodians, REASON);
    }

    private static CeremonyRequest recover(String backupId) {
        return request(RECOVER, null, null, null, null, backupId, List.of(), REASON);
    }

    /**
     * The whole table: case, request, the personal-data key on the device, the refused fields each with a fragment
     * of its message (empty: accepted), and for an accepted request the label, version and check value recorded.
     */
    static Stream<Arguments> cases() {
        List<Arguments> rows = new ArrayList<>();
        rows.add(row("generate the provincial key of a province under an active root",
                key(GENERATE, INTERNAL_AUTH, PROVINCIAL, "320000"), Map.of(), "hc.internal-auth.320000", null, null));
        rows.add(row("generate: no reason", request(GENERATE, INTERNAL_AUTH, PROVINCIAL, "320000", null, null,
                List.of(), "  "), Map.of("reason", "请填写「事由」"), null, null, null));
        rows.add(row("generate: a reason of 501 characters", request(GENERATE, INTERNAL_AUTH, PROVINCIAL, "320000",
                null, null, List.of(), "因".repeat(501)), Map.of("reason", "最多500个字符"), null, null, null));
        rows.add(row("generate: no purpose, no level", key(GENERATE, null, null, "320000"),
                Map.of("purpose", "请选择「密钥用途」", "level", "请选择「密钥级别」"), null, null, null));
        rows.add(row("generate: a level-2 key without a province", key(GENERATE, INTERNAL_AUTH, PROVINCIAL, null),
                Map.of("regionCode", "二级密钥请填写省级"), null, null, null));
        rows.add(row("generate: a level-3 key for a province code", key(GENERATE, INTERNAL_AUTH, CITY, "110000"),
                Map.of("regionCode", "应为地市级代码"), null, null, null));
        rows.add(row("generate: the root that exists", key(GENERATE, INTERNAL_AUTH, NATIONAL, null),
                Map.of("level", "已存在（版本 1）"), null, null, null));
        rows.add(row("generate: a key whose parent has no active version", key(GENERATE, APP_DATA_READ, PROVINCIAL,
                "110000"), Map.of("level", "上级密钥 hc.app-data-read.root 尚无在用版本"), null, null, null));
        rows.add(row("generate: a city key whose provincial parent is only archived", key(GENERATE, INTERNAL_AUTH,
                CITY, "440100"), Map.of("level", "上级密钥 hc.internal-auth.440000 尚无在用版本"), null, null, null));
        rows.add(row("update a key that exists", key(UPDATE, INTERNAL_AUTH, PROVINCIAL, "110000"), Map.of(),
                "hc.internal-auth.110000", null, null));
        rows.add(row("update: a key that does not exist", key(UPDATE, INTERNAL_AUTH, PROVINCIAL, "320000"),
                Map.of("level", "尚不存在，请先「生成」"), null, null, null));
        rows.add(row("back up the current version to two custodians", backup("110000", null, TWO), Map.of(),
                "hc.internal-auth.110000", 2, "CV110000V2"));
        rows.add(row("back up an archived version by number, three custodians", backup("110000", 1,
                List.of("keyadmin", "keyadmin2", "keyadmin3")), Map.of(), "hc.internal-auth.110000", 1, "CV110000V1"));
        rows.add(row("back up: a key that does not exist", backup("320000", null, TWO),
                Map.of("level", "密钥 hc.internal-auth.320000 不存在"), null, null, null));
        rows.add(row("back up: a version that does not exist", backup("110000", 9, TWO),
                Map.of("keyVersion", "没有版本 9"), null, null, null));
        rows.add(row("back up: no active version and none named", backup("440000", null, TWO),
                Map.of("keyVersion", "没有在用版本，请填写「版本」"), null, null, null));
        rows.add(row("back up: a destroyed version", backup("310000", 1, TWO),
                Map.of("keyVersion", "已销毁，不能备份"), null, null, null));
        rows.add(row("back up: no custodian", backup("110000", null, List.of()),
                Map.of("custodian1", "至少需要 2 名"), null, null, null));
        rows.add(row("back up: one custodian (blank names do not count)", backup("110000", null,
                List.of("keyadmin", " ", "")), Map.of("custodian2", "至少需要 2 名"), null, null, null));
        rows.add(row("back up: four custodians", backup("110000", null,
                List.of("keyadmin", "keyadmin2", "keyadmin3", "keyadmin4")), Map.of("custodian4", "最多 3 名"), null,
                null, null));
        rows.add(row("back up: a custodian who is not a key administrator", backup("110000", null,
                List.of("keyadmin", "clerk")), Map.of("custodian2", "clerk 不是密钥管理员"), null, null, null));
        rows.add(row("back up: the same custodian twice", backup("110000", null, List.of("keyadmin2", " keyadmin2")),
                Map.of("custodian2", "只保管一个分量：名keyadmin2 重复"), null, null, null));
        rows.add(row("recover from a completed backup", recover(" KC202601010001 "), Map.of(),
                "hc.internal-auth.110000", 2, "CV110000V2"));
        rows.add(row("recover: no backup named", recover(" "), Map.of("backupId", "请填写要恢复的「备份编号」"), null,
                null, null));
        rows.add(row("recover: a backup that does not exist (or is not visible)", recover("KC209901010001"),
                Map.of("backupId", "备份 KC209901010001 不存在"), null, null, null));
        rows.add(row("recover: a backup whose custodians have not all taken their component", recover("KC202601010002"),
                Map.of("backupId", "尚未完成（「待保管人办理」）"), null, null, null));
        rows.add(row("update the personal-data key", request(UPDATE_PD_KEY, null, null, null, null, null, List.of(),
                REASON), Map.of(), "pd.personal-data", null, null));
        rows.add(Arguments.of("update the personal-data key: none on the device", request(UPDATE_PD_KEY, null, null,
                null, null, null, List.of(), ""), false, Map.of("operation", "没有个人数据密钥 pd.personal-data",
                "reason", "请填写「事由」"), null, null, null));
        return rows.stream();
    }

    private static Arguments row(String name, CeremonyRequest request, Map<String, String> refused, String label,
                                 Integer version, String checkValue) {
        return Arguments.of(name, request, true, refused, label, version, checkValue);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("KEY-01 KEY-02 a ceremony request is accepted with what the ceremony records, or refused on exactly the fields at fault")
    void check(String name, CeremonyRequest request, boolean personalDataKey, Map<String, String> refused,
               String label, Integer version, String checkValue) {
        CeremonyRules.Checked checked = CeremonyRules.check(request, facts(personalDataKey));
        assertThat(checked.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrderElementsOf(refused.keySet());
        refused.forEach((field, message) -> assertThat(checked.violations()).filteredOn(v -> v.field().equals(field))
                .extracting(FieldViolation::message).anySatisfy(m -> assertThat(m).contains(message)));
        if (refused.isEmpty()) {
            assertThat(checked.orThrow()).isSameAs(checked);
            assertThat(checked.label()).isEqualTo(label);
            assertThat(checked.keyVersion()).isEqualTo(version);
            assertThat(checked.keyCheckValue()).isEqualTo(checkValue);
            assertThat(checked.reason()).isEqualTo(request.reason().strip());
        } else {
            assertThatThrownBy(checked::orThrow).isInstanceOf(DomainValidationException.class);
        }
    }

    @Test
    @DisplayName("KEY-02 what a ceremony records: a recovery takes the key, version, check value and custodians of its backup; the personal-data key is national")
    void recorded() {
        CeremonyRules.Checked recovery = CeremonyRules.check(recover("KC202601010001"), facts(true));
        assertThat(recovery.backupId()).isEqualTo("KC202601010001");
        assertThat(recovery.custodians()).isEqualTo(TWO);
        assertThat(recovery.regionCode()).isEqualTo("110000");
        assertThat(recovery.position().level()).isEqualTo(PROVINCIAL);
        CeremonyRules.Checked backup = CeremonyRules.check(backup("110000", null, List.of(" keyadmin ", "keyadmin2")),
                facts(true));
        assertThat(backup.custodians()).as("names stripped, in order").isEqualTo(TWO);
        CeremonyRules.Checked pd = CeremonyRules.check(request(UPDATE_PD_KEY, null, null, null, null, null, List.of(),
                REASON), facts(true));
        assertThat(pd.position()).isNull();
        assertThat(pd.regionCode()).isEqualTo("000000");
    }

    @Test
    @DisplayName("KEY-01 no operation chosen: refused at once on the field operation")
    void noOperation() {
        assertThatThrownBy(() -> CeremonyRules.check(key(null, INTERNAL_AUTH, PROVINCIAL, "110000"), facts(true)))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                        .containsExactly(new FieldViolation("operation", "请选择「操作」")));
    }

    static Stream<Arguments> coSignatures() {
        return Stream.of(
                Arguments.of("APPROVE", null, null, null),
                Arguments.of("APPROVE", "  ", null, null),
                Arguments.of("APPROVE", " 同意 ", "同意", null),
                Arguments.of("REFUSE", "事由不充分", "事由不充分", null),
                Arguments.of("REFUSE", " ", null, "comment"),
                Arguments.of("REFUSE", null, null, "comment"),
                Arguments.of("APPROVE", "意".repeat(501), null, "comment"),
                Arguments.of("REJECT", "事由不充分", "事由不充分", null),
                Arguments.of("approve", null, null, "decision"),
                Arguments.of("", "同意", null, "decision"),
                Arguments.of(null, "同意", null, "decision"));
    }

    @ParameterizedTest(name = "{0} / {1} → {2} {3}")
    @MethodSource("coSignatures")
    @DisplayName("KEY-02 the co-signature (KeyCeremonyService.coSignature → Review): approve or refuse; a refusal needs a comment; comments at most 500 characters")
    void coSign(String decision, String comment, String kept, String refusedField) {
        if (refusedField == null) {
            Review review = KeyCeremonyService.coSignature(decision, comment);
            assertThat(review.reason()).isEqualTo(kept);
            assertThat(review.approved()).isEqualTo("APPROVE".equals(decision));
        } else {
            assertThatThrownBy(() -> KeyCeremonyService.coSignature(decision, comment))
                    .isInstanceOf(DomainValidationException.class)
                    .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                            .extracting(FieldViolation::field).containsExactly(refusedField));
        }
    }

    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of(null, "请填写「分量口令」"),
                Arguments.of("", "请填写「分量口令」"),
                Arguments.of("1234567", "应为8至64个字符"),
                Arguments.of("12345678", null),
                Arguments.of("s".repeat(64), null),
                Arguments.of("s".repeat(65), "应为8至64个字符"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("secrets")
    @DisplayName("KEY-02 a custodian's secret has 8 to 64 characters")
    void secret(String secret, String message) {
        List<FieldViolation> violations = new ArrayList<>();
        CeremonyRules.checkSecret(secret, violations);
        if (message == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("secret");
                assertThat(v.message()).contains(message);
            });
        }
    }
}
