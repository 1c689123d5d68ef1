package cn.healthcard.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardChange;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.CryptoProperties;
import cn.healthcard.crypto.KeyRef;
import cn.healthcard.crypto.PersonalDataBinding;
import cn.healthcard.crypto.PersonalDataIntegrityException;
import cn.healthcard.crypto.PersonalDataProtector;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.keys.PersonalDataKeyService.EncryptedColumn;
import cn.healthcard.keys.PersonalDataKeyService.ReencryptionRun;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Ciphertext binding (decision 022, issue #10 item 9): someone who can write to the database but holds no key copies
 * encrypted values between rows and columns with plain JDBC; the application refuses to read them.
 */
@IntegrationTest
@DisplayName("SEC-02 PER-05 KEY-02 personal-data ciphertexts are bound to table, column and row (decision 022)")
class CiphertextBindingIT {

    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired InstitutionService institutions;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired CryptoPort crypto;
    @Autowired PersonalDataProtector protector;
    @Autowired PersonalDataKeyService keys;
    @Autowired TestUsers users;

    private CardFixtures fixtures() {
        return new CardFixtures(residents, cards, institutions, transactions, jdbc);
    }

    private String residentWithCard(String name) {
        CardFixtures fixtures = fixtures();
        String institution = fixtures.institution("IT-110105-AAD", "北京市朝阳区密文绑定测试服务点", "110105");
        String cardNo = fixtures.card("110105", institution, name, CardStatus.ACTIVE);
        return users.as("clerk", () -> cards.find(cardNo)).orElseThrow().residentId();
    }

    private ResidentData read(String residentId) {
        return SecurityContextUsers.runAsSystem(() -> residents.details(residentId, "测试：密文绑定"));
    }

    private String stored(String table, String column, String idColumn, Object id) {
        return jdbc.queryForObject("SELECT " + column + " FROM " + table + " WHERE " + idColumn + " = ?",
                String.class, id);
    }

    @Test
    @DisplayName("SEC-02 resident A's encrypted name copied into resident B's row with plain JDBC: reading B fails with an integrity error naming B's row, never with A's name")
    void nameCopiedIntoAnotherRowIsRefused() {
        String a = residentWithCard("甲绑定");
        String b = residentWithCard("乙绑定");
        assertThat(read(b).name()).isEqualTo("乙绑定");

        String original = stored("resident", "name_enc", "id", b);
        jdbc.update("UPDATE resident SET name_enc = ? WHERE id = ?", stored("resident", "name_enc", "id", a), b);
        try {
            assertThatThrownBy(() -> read(b))
                    .satisfies(e -> assertThat(integrityError(e).binding())
                            .isEqualTo(PersonalDataBinding.of("resident", "name_enc", b)))
                    .hasStackTraceContaining("integrity").hasStackTraceContaining(b)
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("甲绑定"));
            assertThat(read(a).name()).as("A's own row is untouched").isEqualTo("甲绑定");
        } finally { // the shared database stays readable for the other tests (and re-encryption runs)
            jdbc.update("UPDATE resident SET name_enc = ? WHERE id = ?", original, b);
        }
        assertThat(read(b).name()).isEqualTo("乙绑定");
    }

    @Test
    @DisplayName("SEC-02 resident A's encrypted name copied into A's address column: reading A fails with an integrity error, not the name as the address")
    void nameCopiedIntoAnotherColumnIsRefused() {
        String a = residentWithCard("丙绑定");

        String original = stored("resident", "address_enc", "id", a);
        jdbc.update("UPDATE resident SET address_enc = name_enc WHERE id = ?", a);
        try {
            assertThatThrownBy(() -> read(a))
                    .satisfies(e -> assertThat(integrityError(e).binding())
                            .isEqualTo(PersonalDataBinding.of("resident", "address_enc", a)))
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("丙绑定"));
        } finally {
            jdbc.update("UPDATE resident SET address_enc = ? WHERE id = ?", original, a);
        }
    }

    @Test
    @DisplayName("SEC-02 a photo copied into another resident's row is refused as well")
    void photoCopiedIntoAnotherRowIsRefused() {
        String a = residentWithCard("丁绑定");
        String b = residentWithCard("戊绑定");

        String original = stored("resident_photo", "data_enc", "resident_id", b);
        jdbc.update("UPDATE resident_photo SET data_enc = ? WHERE resident_id = ?",
                stored("resident_photo", "data_enc", "resident_id", a), b);
        try {
            assertThatThrownBy(() -> SecurityContextUsers.runAsSystem(() -> residents.photo(b, "测试：照片绑定")))
                    .satisfies(e -> assertThat(integrityError(e).binding())
                            .isEqualTo(PersonalDataBinding.of("resident_photo", "data_enc", b)));
        } finally {
            jdbc.update("UPDATE resident_photo SET data_enc = ? WHERE resident_id = ?", original, b);
        }
    }

    @Test
    @DisplayName("SEC-02 PER-05 every value the application writes is bound to its table, column and row (card events to card number and sequence): each opens at its own place only")
    void everyWrittenValueIsBound() {
        String a = residentWithCard("己绑定");
        String name = stored("resident", "name_enc", "id", a);
        assertThat(read(a).name()).isEqualTo("己绑定");
        assertThat(stored("resident", "name_enc", "id", a)).as("a read writes nothing back").isEqualTo(name);
        assertThat(jdbc.queryForObject("SELECT version FROM resident WHERE id = ?", Long.class, a))
                .as("inserted once: sealing before the insert does not make the entity look changed").isZero();
        SecurityContextUsers.runAsSystem(() -> {
            residents.applyChanges(a, Map.of("phone", "13600136000"));
            return null;
        });
        assertThat(jdbc.queryForObject("SELECT version FROM resident WHERE id = ?", Long.class, a))
                .as("updated once: the plaintext is back in the loaded state after the update").isEqualTo(1);
        assertThat(read(a).phone()).isEqualTo("13600136000");
        String cardNo = users.as("clerk", () -> cards.ofResident(a)).get(0).cardNo();
        SecurityContextUsers.runAsSystem(() -> cards.transition(cardNo, CardAction.REPORT_LOSS,
                new CardChange("测试挂失", null, null, null, null, "{\"phone\":\"13912345678\"}")));

        Map<String, String> mine = Map.of("resident", "id = '" + a + "'", "resident_photo", "resident_id = '" + a
                + "'", "card_event", "card_no = '" + cardNo + "'");
        int checked = 0;
        for (EncryptedColumn c : PersonalDataKeyService.COLUMNS) {
            if (!mine.containsKey(c.table())) {
                continue; // applications and requests: CardApplicationIT, CardLifecycleIT read them through the listener
            }
            for (Map<String, Object> row : rows(c, mine.get(c.table()))) {
                String value = (String) row.get("v");
                PersonalDataBinding place = c.binding(rowIdentity(c, row));
                assertThat(crypto.isBound(Base64.getDecoder().decode(value))).as(place.toString()).isTrue();
                assertThat(protector.open(value, place)).as(place.toString()).isNotNull();
                List<String> elsewhere = new ArrayList<>(place.row());
                elsewhere.set(elsewhere.size() - 1, elsewhere.get(elsewhere.size() - 1) + "x");
                assertThatThrownBy(() -> protector.open(value, c.binding(elsewhere)))
                        .isInstanceOf(PersonalDataIntegrityException.class);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(6);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM card_event WHERE card_no = ? AND form_data IS NOT NULL",
                Integer.class, cardNo)).isEqualTo(1);
        assertThat(users.as("clerk", () -> cards.history(cardNo))).hasSizeGreaterThan(1);
    }

    @Test
    @DisplayName("KEY-02 SEC-02 the re-encryption job turns unbound ciphertexts (decision 017 header, and legacy without header) into bound ones, readable at their place; a second run rewrites nothing")
    void reencryptionBindsOldCiphertexts() throws Exception {
        String a = residentWithCard("庚绑定");
        // version 1 is the demo key of the demo profile; archived after a key update, it still decrypts
        jdbc.update("UPDATE resident SET phone_enc = ? WHERE id = ?", unbound(null, "13700137000"), a);
        jdbc.update("UPDATE resident SET name_enc = ? WHERE id = ?", unbound("HCP1", "庚绑定"), a);
        long unboundBefore = protector.unboundReads();
        assertThat(read(a).phone()).as("unbound values are read (default: accept and count)").isEqualTo("13700137000");
        assertThat(protector.unboundReads()).isGreaterThan(unboundBefore);
        assertThat(crypto.isBound(Base64.getDecoder().decode(stored("resident", "phone_enc", "id", a)))).isFalse();

        ReencryptionRun run = users.as("keyadmin", keys::reencryptNow);

        assertThat(run.state()).as(run.error()).isEqualTo(ReencryptionRun.State.COMPLETED);
        assertThat(run.rewritten()).isGreaterThanOrEqualTo(2);
        for (String column : List.of("phone_enc", "name_enc")) {
            String value = stored("resident", column, "id", a);
            assertThat(crypto.isBound(Base64.getDecoder().decode(value))).as(column).isTrue();
            assertThat(crypto.keyVersion(KeyRef.PERSONAL_DATA, Base64.getDecoder().decode(value)))
                    .isEqualTo(crypto.currentVersion(KeyRef.PERSONAL_DATA));
        }
        assertThat(protector.open(stored("resident", "phone_enc", "id", a),
                PersonalDataBinding.of("resident", "phone_enc", a))).isEqualTo("13700137000");
        ResidentData after = read(a);
        assertThat(after.phone()).isEqualTo("13700137000");
        assertThat(after.name()).isEqualTo("庚绑定");
        assertThat(users.as("keyadmin", keys::reencryptNow).rewritten()).as("idempotent").isZero();
    }

    private List<Map<String, Object>> rows(EncryptedColumn c, String where) {
        return jdbc.queryForList("SELECT " + c.column() + " AS v, " + String.join(", ", c.rowColumns()) + " FROM "
                + c.table() + " WHERE " + c.column() + " IS NOT NULL AND " + where);
    }

    private static List<String> rowIdentity(EncryptedColumn c, Map<String, Object> row) {
        return c.rowColumns().stream().map(column -> String.valueOf(row.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(column)).findFirst().orElseThrow().getValue())).toList();
    }

    /**
     * An unbound ciphertext of {@code plaintext} under the demo key (version 1 of the demo profile), Base64: with the
     * decision-017 header {@code "HCP1" || 0001} authenticated when {@code magic} is given, else legacy (no header).
     */
    private static String unbound(String magic, String plaintext) throws Exception {
        byte[] header = magic == null ? new byte[0] : new byte[] {(byte) magic.charAt(0), (byte) magic.charAt(1),
                (byte) magic.charAt(2), (byte) magic.charAt(3), 0, 1};
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        GCMModeCipher cipher = GCMBlockCipher.newInstance(new SM4Engine());
        cipher.init(true, new AEADParameters(new KeyParameter(HexFormat.of().parseHex(
                CryptoProperties.DEMO_PERSONAL_DATA_KEY)), 128, iv, header.length == 0 ? null : header));
        byte[] data = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[cipher.getOutputSize(data.length)];
        int n = cipher.processBytes(data, 0, data.length, body, 0);
        cipher.doFinal(body, n);
        byte[] out = new byte[header.length + iv.length + body.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(iv, 0, out, header.length, iv.length);
        System.arraycopy(body, 0, out, header.length + iv.length, body.length);
        return Base64.getEncoder().encodeToString(out);
    }

    private static PersonalDataIntegrityException integrityError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PersonalDataIntegrityException integrity) {
                return integrity;
            }
        }
        throw new AssertionError("no PersonalDataIntegrityException in " + e, e);
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
