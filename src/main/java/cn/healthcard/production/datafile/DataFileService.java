package cn.healthcard.production.datafile;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.production.datafile.DataFileEvents.ProductionDataFileBuilt;
import cn.healthcard.production.datafile.DataFileEvents.ProductionDataFileRead;
import cn.healthcard.production.datafile.DataFileEvents.ProductionDataFileRefused;
import cn.healthcard.production.datafile.DataFileEvents.ProductionDataFileVerified;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Production data files of a batch (PER-01, PER-02, PER-03, PER-05; decision 026): the centre builds, seals and signs
 * ({@link DataFileWriter}) and the in-process card maker verifies and reads ({@link DataFileReader}) on this device.
 * Every access — build, verify, read, and every refusal — publishes an audited event in its transaction; a refusal's
 * event commits although the call fails.
 */
@Service
public class DataFileService {

    private final CryptoDevice device;
    private final TransportKeys transportKeys;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DataFileService(CryptoDevice device, TransportKeys transportKeys, ApplicationEventPublisher events, Clock clock) {
        this.device = device;
        this.transportKeys = transportKeys;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One file of a batch for one maker; the date in its name is the day in China time.
     *
     * @param sequence        the file's number for this batch and day (1 for the first, the next for a resend)
     * @param applicationKeys the city roots of the cards' application keys (they stay here; each card gets its own keys
     *                        derived from them, wrapped under the maker's transport key), may be empty
     */
    public record BatchFile(String batchNo, String makerCode, String issuerCode, String regionCode, int sequence,
                            List<KeyId> applicationKeys) {
    }

    /** Builds, seals and signs the file of {@code batch} into {@code out} (not closed), one card at a time. */
    @Transactional
    public DataFileWriter.Sealed build(BatchFile batch, Iterator<CardRecord> cards, OutputStream out) {
        requireCodes(batch.makerCode(), batch.batchNo(), true);
        if (batch.sequence() < 1 || batch.sequence() > 999) {
            throw new DomainValidationException("sequence", "「文件序号」应为 1–999");
        }
        String fileName = DataFileFormat.fileName(batch.batchNo(), batch.makerCode(),
                LocalDate.now(clock.withZone(ChinaTime.ZONE)), batch.sequence());
        DataFileWriter.Order order = new DataFileWriter.Order(fileName, batch.batchNo(), batch.makerCode(),
                batch.issuerCode(), batch.regionCode(), transportKeys.current(batch.makerCode()),
                batch.applicationKeys(), signer());
        DataFileWriter.Sealed sealed = new DataFileWriter(device).write(order, cards, clock.instant(), out);
        events.publishEvent(new ProductionDataFileBuilt(sealed.fileName(), batch.regionCode(), sealed.batchNo(),
                sealed.makerCode(), sealed.cardCount(), sealed.bytes(), sealed.digest()));
        return sealed;
    }

    /** The in-process maker {@code makerCode} verifies {@code file} without decrypting it. */
    @Transactional(noRollbackFor = DataFileRefusedException.class)
    public DataFileReader.Verified verify(Path file, String makerCode, String expectedBatch) {
        requireCodes(makerCode, expectedBatch, false);
        DataFileReader.Verified verified = refusalsAudited(file, makerCode,
                () -> reader(makerCode).verify(file, expectedBatch));
        DataFileHeader header = verified.header();
        events.publishEvent(new ProductionDataFileVerified(header.fileName(), header.regionCode(), header.batchNo(),
                makerCode, verified.cardCount()));
        return verified;
    }

    /** The in-process maker {@code makerCode} verifies, decrypts and reads every card of {@code file}. */
    @Transactional(noRollbackFor = DataFileRefusedException.class)
    public DataFileReader.Verified read(Path file, String makerCode, String expectedBatch, Consumer<CardRecord> sink) {
        requireCodes(makerCode, expectedBatch, false);
        DataFileReader.Verified verified = refusalsAudited(file, makerCode,
                () -> reader(makerCode).read(file, expectedBatch, sink));
        DataFileHeader header = verified.header();
        events.publishEvent(new ProductionDataFileRead(header.fileName(), header.regionCode(), header.batchNo(),
                makerCode, verified.cardCount()));
        return verified;
    }

    /** The centre's SM2 public keys for data files, every version not destroyed: what a maker trusts. */
    public List<byte[]> centrePublicKeys() {
        signer();
        return device.versions(DataFileFormat.SIGNER_LABEL).stream().filter(k -> k.state() != KeyState.DESTROYED)
                .map(k -> device.publicKey(k.id())).toList();
    }

    private DataFileReader reader(String makerCode) {
        return new DataFileReader(device, makerCode, centrePublicKeys());
    }

    /** Caller input by field: a 4xx problem naming it, before any file or key is touched. */
    private static void requireCodes(String makerCode, String batchNo, boolean batchRequired) {
        if (!DataFileFormat.isMakerCode(makerCode)) {
            throw new DomainValidationException("makerCode", "「制卡机构代码」应为 1–32 位字母、数字或连字符");
        }
        if ((batchRequired || batchNo != null) && !DataFileFormat.isBatchNo(batchNo)) {
            throw new DomainValidationException("batchNo", "「批次号」应为 1–32 位大写字母、数字或连字符");
        }
    }

    private <T> T refusalsAudited(Path file, String makerCode, Supplier<T> access) {
        try {
            return access.get();
        } catch (DataFileRefusedException e) {
            events.publishEvent(new ProductionDataFileRefused(file.getFileName().toString(), null, makerCode,
                    e.reason().code()));
            throw e;
        }
    }

    /** The current signature key of data files, generated at first use. */
    private KeyId signer() {
        try {
            return device.currentKey(DataFileFormat.SIGNER_LABEL);
        } catch (CryptoException e) {
            synchronized (this) {
                try {
                    return device.currentKey(DataFileFormat.SIGNER_LABEL);
                } catch (CryptoException again) {
                    KeyInfo key = device.generateSm2KeyPair(DataFileFormat.SIGNER_LABEL, KeyUsage.SIGNATURE);
                    return key.id();
                }
            }
        }
    }
}
