package cn.healthcard.production.datafile;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every access to a production data file is in the permanent audit log, refusals included (PER-03). */
@IntegrationTest
class DataFileServiceIT {

    private static final String MAKER = "ZK-IT-DATAFILE";
    private static final String BATCH = "PCIT2026120601";

    @Autowired DataFileService files;
    @Autowired TransportKeys transportKeys;
    @Autowired cn.healthcard.crypto.device.CryptoDevice device;
    @Autowired JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    @DisplayName("PER-03 PER-02: building, verifying, reading and a refused tampered file are each recorded in the "
            + "audit log with batch, maker and card count, never card data")
    void everyAccessAudited() throws IOException {
        device.generateSymmetricKey(KeyId.transportLabel(MAKER),
                cn.healthcard.crypto.device.KeyUsage.KEY_ENCRYPTION);
        assertThat(transportKeys.current(MAKER).label()).isEqualTo("transport.zk-it-datafile");
        Path file;
        DataFileWriter.Sealed sealed;
        Path tmp = dir.resolve("building");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            sealed = files.build(new DataFileService.BatchFile(BATCH, MAKER, "440100-ZX", "440100", 1, List.of()),
                    DataFileTestSupport.cards(3, 500).iterator(), out);
        }
        file = Files.move(tmp, dir.resolve(sealed.fileName()));

        assertThat(files.verify(file, MAKER, BATCH).cardCount()).isEqualTo(3);
        List<CardRecord> read = new ArrayList<>();
        files.read(file, MAKER, BATCH, read::add);
        assertThat(read).hasSize(3);

        DataFileRefusedException refused = catchThrowableOfType(DataFileRefusedException.class,
                () -> files.verify(file, "ZK-OTHER", BATCH));
        assertThat(refused.reason()).isEqualTo(DataFileRefusal.OTHER_MAKER);

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);
        assertThat(catchThrowableOfType(DataFileRefusedException.class,
                () -> files.read(file, MAKER, BATCH, c -> { })).reason()).isEqualTo(DataFileRefusal.SIGNATURE_INVALID);

        // bad caller input is a 400 by field before the file is touched: no audit entry for it
        assertThat(catchThrowableOfType(DomainValidationException.class,
                () -> files.verify(file, "Z".repeat(33), BATCH)).violations().get(0).field()).isEqualTo("makerCode");
        assertThat(catchThrowableOfType(DomainValidationException.class,
                () -> files.read(file, MAKER, "pc/../1", c -> { })).violations().get(0).field()).isEqualTo("batchNo");

        List<String> audited = jdbc.queryForList("select event_type || ' ' || detail from audit_event "
                + "where subject_type = 'ProductionDataFile' and subject_id = ? order by id", String.class,
                sealed.fileName());
        assertThat(audited).hasSize(5);
        assertThat(audited.get(0))
                .startsWith("ProductionDataFileBuilt batch=" + BATCH + " maker=" + MAKER + " cards=3");
        assertThat(audited.get(1)).isEqualTo("ProductionDataFileVerified batch=" + BATCH + " maker=" + MAKER
                + " cards=3");
        assertThat(audited.get(2)).isEqualTo("ProductionDataFileRead batch=" + BATCH + " maker=" + MAKER + " cards=3");
        assertThat(audited.get(3)).isEqualTo("ProductionDataFileRefused maker=ZK-OTHER reason=DF-OTHER-MAKER");
        assertThat(audited.get(4)).isEqualTo("ProductionDataFileRefused maker=" + MAKER + " reason=DF-SIGNATURE");
        assertThat(String.join("\n", audited)).doesNotContain("测试居民").doesNotContain("110105199003071239");
    }
}
