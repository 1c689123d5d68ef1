package cn.healthcard.production.internal;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.datafile.CardRecord;
import cn.healthcard.production.datafile.DataFileService;
import cn.healthcard.production.datafile.DataFileWriter;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Builds a batch's sealed data file (PER-01, decision 026) from the residents' data into the maker's outbox, with its
 * order manifest ({@code <file>.manifest}: one line {@code caseId;cardNo} per card). Each resident is read through
 * {@link ResidentService#details} as SYSTEM, so every read of personal data is audited as the resident module does.
 */
@Component
public class BatchFiles {

    /** A card of a batch: its order's case and resident and the card number given at release. */
    public record BatchCard(String caseId, String residentId, String regionCode, String cardNo) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BatchFiles.class);

    private final DataFileService files;
    private final ResidentService residents;
    private final InstitutionService institutions;
    private final DropFolder folders;
    private final Clock clock;

    BatchFiles(DataFileService files, ResidentService residents, InstitutionService institutions, DropFolder folders,
               Clock clock) {
        this.files = files;
        this.residents = residents;
        this.institutions = institutions;
        this.folders = folders;
        this.clock = clock;
    }

    /**
     * Builds the sealed file and its manifest under hidden temporary names in the maker's outbox; they take their final
     * names only once the transaction commits (a drop-folder maker never sees the file of a plan that rolls back), and
     * are removed if it rolls back.
     */
    public DataFileWriter.Sealed write(String batchNo, String makerCode, String centreCode, String regionCode,
                                       int sequence, List<BatchCard> cards) {
        Path outbox = folders.outbox(makerCode);
        String issuerName = institutions.get(centreCode).name();
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        Iterator<BatchCard> source = cards.iterator();
        Iterator<CardRecord> records = new Iterator<>() {
            public boolean hasNext() {
                return source.hasNext();
            }

            public CardRecord next() {
                return record(source.next(), batchNo, issuerName, centreCode, today);
            }
        };
        Path tmp = outbox.resolve("." + batchNo + ".building");
        Path tmpManifest = outbox.resolve("." + batchNo + ".manifest.building");
        try {
            DataFileWriter.Sealed sealed;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                sealed = files.build(new DataFileService.BatchFile(batchNo, makerCode, centreCode, regionCode, sequence,
                        List.of()), records, out);
            }
            List<String> lines = new ArrayList<>();
            lines.add("# batch=" + batchNo + " maker=" + makerCode + " cards=" + cards.size() + " file="
                    + sealed.fileName() + " sm3=" + sealed.digest());
            cards.forEach(c -> lines.add(c.caseId() + ";" + c.cardNo()));
            Files.write(tmpManifest, lines, StandardCharsets.UTF_8);
            publishOnCommit(tmp, outbox.resolve(sealed.fileName()), tmpManifest,
                    outbox.resolve(sealed.fileName() + ".manifest"));
            return sealed;
        } catch (IOException | RuntimeException e) {
            delete(tmp, tmpManifest);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private CardRecord record(BatchCard card, String batchNo, String issuerName, String centreCode, LocalDate today) {
        ResidentData r = SecurityContextUsers.runAsSystem(() ->
                residents.details(card.residentId(), "制卡数据文件 " + batchNo));
        return new CardRecord(
                new CardRecord.Issuer("1", "1.0", issuerName, centreCode, today.toString(), card.cardNo(), "",
                        card.regionCode().substring(0, 4) + "00"),
                new CardRecord.Holder(r.name(), r.sex(), r.ethnicity(),
                        r.birthDate() == null ? null : r.birthDate().toString(), r.documentType(), r.documentNumber()),
                r.photo(), today.plusYears(10).minusDays(1).toString(),
                r.phone() == null || r.phone().isBlank() ? List.of() : List.of(r.phone()), r.address(),
                r.bloodTypeAbo(), r.bloodTypeRh(), alerts(r.medicalAlerts()));
    }

    private static List<String> alerts(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,，;；\\n]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A superseded data file and its manifest leave the maker's outbox once the new file is committed. */
    public void supersede(String makerCode, String fileName) {
        Path outbox = folders.outbox(makerCode);
        Runnable remove = () -> delete(outbox.resolve(fileName), outbox.resolve(fileName + ".manifest"));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            remove.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                remove.run();
            }
        });
    }

    /** The file, then its manifest, take their final names after commit; on rollback both are deleted. */
    private static void publishOnCommit(Path tmp, Path file, Path tmpManifest, Path manifest) throws IOException {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            move(tmp, file);
            move(tmpManifest, manifest);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    delete(tmp, tmpManifest);
                    return;
                }
                try {
                    move(tmp, file);
                    move(tmpManifest, manifest);
                } catch (IOException e) {
                    // the batch is RELEASED without its file: the maker's receipt reports it missing
                    log.error("data file {} could not be put into the outbox", file, e);
                }
            }
        });
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void delete(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // nothing refers to a file of a rolled-back batch; the next build of the batch overwrites it
            }
        }
    }
}
