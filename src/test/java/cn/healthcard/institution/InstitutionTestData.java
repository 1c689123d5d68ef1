package cn.healthcard.institution;

import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Forms, codes and admins for the register's tests. Codes are unique per JVM: the ITs share one database. */
final class InstitutionTestData {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);

    private InstitutionTestData() {
    }

    /** Admins of Beijing (110000) and Shanghai (310000), a Beijing supervisor and auditor; idempotent. */
    static void users(UserAdministration users) {
        users.createIfAbsent("bjadmin", "demo1234", "北京管理员", "BJ-110000", Set.of(Role.ADMIN), false, true);
        users.createIfAbsent("shadmin", "demo1234", "上海管理员", "SH-310000", Set.of(Role.ADMIN), false, true);
        users.createIfAbsent("bjauditor", "demo1234", "北京审计员", "BJ-110000", Set.of(Role.AUDITOR), false, true);
        users.createIfAbsent("bjclerkadmin", "demo1234", "北京经办", "BJ-110000", Set.of(Role.CLERK), false, true);
    }

    /** A fresh institution code with the prefix. */
    static String code(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }

    /** A valid unified social credit code with the region in it and a unique serial. */
    static String creditCode(String region) {
        String serial = String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
        String first17 = "12" + region + serial;
        return first17 + CreditCode.checkCharacter(first17);
    }

    static InstitutionForm medical(String code, String region) {
        return new InstitutionForm(code, "测试医院" + code, InstitutionKind.MEDICAL, region, null, "张联系",
                "010-12345678", "测试路1号", "李院长", MedicalNature.PUBLIC, MedicalCategory.GENERAL_HOSPITAL,
                creditCode(region), "PDY" + code.replaceAll("[^A-Za-z0-9]", ""));
    }

    static InstitutionForm of(InstitutionKind kind, String code, String region) {
        if (kind == InstitutionKind.MEDICAL) {
            return medical(code, region);
        }
        return new InstitutionForm(code, kind.nameZh() + code, kind, region, null, "张联系", "010-12345678",
                "测试路1号", "王负责", null, null, null, null);
    }

    static InstitutionForm renamed(InstitutionForm f, String name) {
        return new InstitutionForm(f.code(), name, f.kind(), f.regionCode(), f.superiorCode(), f.contact(), f.phone(),
                f.address(), f.head(), f.nature(), f.category(), f.creditCode(), f.medicalCode());
    }
}
