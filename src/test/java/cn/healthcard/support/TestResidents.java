package cn.healthcard.support;

import cn.healthcard.resident.ResidentData;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh, valid residents for tests: each call gives a new GB 11643 number, so one-person-one-card never interferes. */
public final class TestResidents {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

    private TestResidents() {
    }

    /** A valid ID number for the birth date and sex ("1" male, "2" female), unique within this JVM run. */
    public static String idNumber(LocalDate birthDate, String sex) {
        int n = SEQUENCE.incrementAndGet();
        LocalDate date = birthDate.plusDays(n / 500);
        int seq = (n % 500) * 2 + ("1".equals(sex) ? 1 : 0);
        String body = "110105" + date.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", seq % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + CHECK.charAt(sum % 11);
    }

    /** A complete, valid resident (male, born 1985 give or take days) with a fresh ID number. */
    public static ResidentData newResident(String name) {
        String id = idNumber(LocalDate.of(1985, 6, 1), "1");
        LocalDate birth = LocalDate.parse(id.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
        return new ResidentData("01", id, name, "1", "01", birth, "13912345678", "北京市朝阳区朝阳门外大街1号",
                "O", "POSITIVE", "青霉素过敏", photo());
    }

    /** A 358×441 PNG, the usual ID photo size. */
    public static byte[] photo() {
        var image = new BufferedImage(358, 441, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xDDE6F0));
        g.fillRect(0, 0, 358, 441);
        g.setColor(new Color(0x335577));
        g.fillOval(110, 80, 140, 170);
        g.dispose();
        try (var out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
