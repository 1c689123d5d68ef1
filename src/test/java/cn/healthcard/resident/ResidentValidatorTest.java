package cn.healthcard.resident;

import cn.healthcard.common.FieldViolation;
import cn.healthcard.support.TestResidents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

class ResidentValidatorTest {

    private final PhotoValidator photos = new PhotoValidator(2 * 1024 * 1024, 240, 320, 2400, 3200);
    private final ResidentValidator validator = new ResidentValidator(photos,
            Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneId.of("Asia/Shanghai")));

    private ResidentData withName(String documentType, String name) {
        var d = TestResidents.newResident("张三");
        return new ResidentData(documentType, "01".equals(documentType) ? d.documentNumber() : "E12345678", name,
                d.sex(), d.ethnicity(), d.birthDate(), d.phone(), d.address(), d.bloodTypeAbo(), d.bloodTypeRh(),
                d.medicalAlerts(), d.photo());
    }

    private static java.util.List<String> nameMessages(java.util.List<FieldViolation> v) {
        return v.stream().filter(x -> x.field().equals("name")).map(FieldViolation::message).toList();
    }

    /** A valid resident with some fields replaced (field name → value, as the forms and the API name them). */
    private static ResidentData changed(ResidentData d, Object... keyValues) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("documentType", d.documentType());
        f.put("documentNumber", d.documentNumber());
        f.put("name", d.name());
        f.put("sex", d.sex());
        f.put("ethnicity", d.ethnicity());
        f.put("birthDate", d.birthDate());
        f.put("phone", d.phone());
        f.put("address", d.address());
        f.put("bloodTypeAbo", d.bloodTypeAbo());
        f.put("bloodTypeRh", d.bloodTypeRh());
        f.put("medicalAlerts", d.medicalAlerts());
        f.put("photo", d.photo());
        for (int i = 0; i < keyValues.length; i += 2) {
            if (!f.containsKey((String) keyValues[i])) {
                throw new IllegalArgumentException("no field " + keyValues[i]);
            }
            f.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new ResidentData((String) f.get("documentType"), (String) f.get("documentNumber"),
                (String) f.get("name"), (String) f.get("sex"), (String) f.get("ethnicity"),
                (LocalDate) f.get("birthDate"), (String) f.get("phone"), (String) f.get("address"),
                (String) f.get("bloodTypeAbo"), (String) f.get("bloodTypeRh"), (String) f.get("medicalAlerts"),
                (byte[]) f.get("photo"));
    }

    private static Arguments row(ResidentData base, String requirement, List<String> fields, Object... keyValues) {
        List<Object> shown = new java.util.ArrayList<>();
        for (Object o : keyValues) {
            shown.add(o instanceof byte[] b ? b.length + " bytes" : o instanceof String t && t.length() > 24
                    ? t.substring(0, 8) + "…(" + t.length() + ")" : o);
        }
        return Arguments.of(requirement, shown.toString(), changed(base, keyValues), fields);
    }

    /** One field of a valid resident (male, 居民身份证, born 1985) changed, and the fields a refusal must name. */
    static Stream<Arguments> fields() {
        ResidentData base = TestResidents.newResident("张三");
        String id = base.documentNumber();
        String wrongCheck = id.substring(0, 17) + (id.charAt(17) == '0' ? "1" : "0");
        List<String> none = List.of();
        return Stream.of(
                row(base, "APP-03", none),
                row(base, "APP-03", List.of("documentType"), "documentType", null),
                row(base, "APP-03", List.of("documentType"), "documentType", "88"),
                row(base, "APP-03", List.of("documentNumber"), "documentNumber", " "),
                row(base, "APP-03", List.of("documentNumber"), "documentNumber", wrongCheck),
                row(base, "APP-03", List.of("documentNumber"), "documentNumber", id.substring(0, 17)),
                row(base, "APP-03", none, "documentType", "03", "documentNumber", "E12345678"),
                row(base, "APP-03", List.of("documentNumber"), "documentType", "03", "documentNumber", "E12"),
                row(base, "APP-03", List.of("documentNumber"), "documentType", "03", "documentNumber", "E1234567!"),
                row(base, "APP-03", List.of("name"), "name", null),
                row(base, "APP-03", List.of("name"), "name", " "),
                row(base, "APP-03", List.of("sex"), "sex", null),
                row(base, "APP-03", List.of("sex"), "sex", "3"),
                row(base, "APP-03", List.of("sex"), "sex", "2"),
                row(base, "APP-03", none, "documentType", "03", "documentNumber", "E12345678", "sex", "2"),
                row(base, "APP-03", List.of("ethnicity"), "ethnicity", null),
                row(base, "APP-03", List.of("ethnicity"), "ethnicity", "XX"),
                row(base, "APP-03", List.of("birthDate"), "birthDate", null),
                row(base, "APP-03", List.of("birthDate"), "birthDate", base.birthDate().plusDays(1)),
                row(base, "APP-03", List.of("birthDate"), "documentType", "03", "documentNumber", "E12345678",
                        "birthDate", LocalDate.of(2026, 12, 7)),
                row(base, "APP-03", List.of("birthDate"), "documentType", "03", "documentNumber", "E12345678",
                        "birthDate", LocalDate.of(1899, 12, 31)),
                row(base, "APP-03", none, "documentType", "03", "documentNumber", "E12345678",
                        "birthDate", LocalDate.of(2026, 12, 6)),
                row(base, "APP-03", List.of("phone"), "phone", null),
                row(base, "APP-03", List.of("phone"), "phone", "12345"),
                row(base, "APP-03", none, "phone", "010-12345678"),
                row(base, "APP-03", none, "phone", "0755 87654321".replace(" ", "")),
                row(base, "APP-03", List.of("address"), "address", " "),
                row(base, "APP-03", none, "address", "址".repeat(200)),
                row(base, "APP-03", List.of("address"), "address", "址".repeat(201)),
                row(base, "APP-03", List.of("bloodTypeAbo"), "bloodTypeAbo", "C"),
                row(base, "APP-03", List.of("bloodTypeAbo"), "bloodTypeAbo", null),
                row(base, "APP-03", none, "bloodTypeAbo", "UNKNOWN"),
                row(base, "APP-03", List.of("bloodTypeRh"), "bloodTypeRh", "+"),
                row(base, "APP-03", none, "bloodTypeRh", "NEGATIVE"),
                row(base, "APP-03", none, "medicalAlerts", null),
                row(base, "APP-03", none, "medicalAlerts", "警".repeat(500)),
                row(base, "APP-03", List.of("medicalAlerts"), "medicalAlerts", "警".repeat(501)),
                row(base, "APP-05", List.of("photo"), "photo", null),
                row(base, "APP-05", List.of("photo"), "photo", new byte[]{1, 2, 3}),
                row(base, "APP-03", List.of("documentNumber", "name", "phone", "photo"), "documentNumber", " ",
                        "name", null, "phone", "x", "photo", new byte[0]));
    }

    @ParameterizedTest(name = "{0} {1} → {3}")
    @MethodSource("fields")
    @DisplayName("APP-03 APP-05 every field of the card data is checked, and a refusal names the field")
    void fieldRules(String requirement, String change, ResidentData data, List<String> fields) {
        List<FieldViolation> violations = validator.violations(data);
        assertThat(violations.stream().map(FieldViolation::field).distinct()).containsExactlyElementsOf(fields);
        if (fields.isEmpty()) {
            validator.check(data);
        } else {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> validator.check(data))
                    .isInstanceOf(cn.healthcard.common.DomainValidationException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<script>alert(1)</script>", "张三1", "张\u0000三", "张 三", "·张三", "阿依古丽··买买提",
            "阿依古丽·", "John Smith", "张三\u202E"})
    @DisplayName("APP-03 SEC-02 a 居民身份证 holder's name is Chinese characters with the middle dot between parts only")
    void badChineseNames(String name) {
        assertThat(nameMessages(validator.violations(withName("01", name)))).singleElement()
                .asString().startsWith("「姓名」");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"张三", "欧阳晓岚", "阿依古丽·买买提", "𠀀明"})
    @DisplayName("APP-03 Chinese names, minority names with 「·」 and rare characters outside the BMP are accepted")
    void goodChineseNames(String name) {
        assertThat(nameMessages(validator.violations(withName("01", name)))).isEmpty();
    }

    @Test
    @DisplayName("APP-03 a passport holder's name may be Latin letters with single spaces; markup and digits are refused")
    void foreignNames() {
        assertThat(nameMessages(validator.violations(withName("03", "John Smith")))).isEmpty();
        assertThat(nameMessages(validator.violations(withName("03", "MARIA·GARCIA")))).isEmpty();
        assertThat(nameMessages(validator.violations(withName("03", "John  Smith")))).hasSize(1);
        assertThat(nameMessages(validator.violations(withName("03", "<b>John</b>")))).hasSize(1);
        assertThat(nameMessages(validator.violations(withName("03", "R2D2")))).hasSize(1);
        assertThat(nameMessages(validator.violations(withName("03", "A".repeat(51))))).containsExactly("「姓名」最多50个字符");
    }

    @Test
    @DisplayName("APP-05 SEC-01 a decompression bomb (tiny file, 20000×20000 canvas in its header) is refused by its header, never decoded")
    void decompressionBomb() throws IOException {
        byte[] bomb = pngDeclaring(20_000, 20_000);
        assertThat(bomb.length).isLessThan(200);
        assertThat(photos.violations(bomb)).singleElement()
                .extracting(FieldViolation::message).asString().contains("当前 20000×20000");
    }

    @Test
    @DisplayName("APP-05 a photo whose header is fine but whose pixels cannot be read is refused as damaged")
    void truncatedPixels() throws IOException {
        assertThat(photos.violations(pngDeclaring(300, 400))).singleElement()
                .extracting(FieldViolation::message).asString().contains("已损坏");
    }

    /** A PNG whose IHDR declares the given canvas, followed by one tiny IDAT chunk that holds one row only. */
    static byte[] pngDeclaring(int width, int height) throws IOException {
        var out = new ByteArrayOutputStream();
        var data = new DataOutputStream(out);
        data.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        var ihdr = new ByteArrayOutputStream();
        var h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[]{8, 0, 0, 0, 0}); // 8-bit greyscale, deflate, no filter method, no interlace
        chunk(data, "IHDR", ihdr.toByteArray());
        var deflater = new Deflater();
        deflater.setInput(new byte[]{0, 0, 0, 0});
        deflater.finish();
        byte[] buffer = new byte[64];
        int n = deflater.deflate(buffer);
        chunk(data, "IDAT", java.util.Arrays.copyOf(buffer, n));
        chunk(data, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
        out.writeInt(body.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(t);
        out.write(body);
        var crc = new CRC32();
        crc.update(t);
        crc.update(body);
        out.writeInt((int) crc.getValue());
    }
}
