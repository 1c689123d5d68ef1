package cn.healthcard.resident;

import cn.healthcard.common.FieldViolation;
import cn.healthcard.support.TestResidents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
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
