package cn.healthcard.production.internal;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.datafile.CardRecord;
import cn.healthcard.production.datafile.DataFileService;
import cn.healthcard.production.datafile.DataFileWriter;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.common.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.NoSuchElementException;
import java.util.function.Function;
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
    private final ApplicationKeys applicationKeys;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    BatchFiles(DataFileService files, ResidentService residents, InstitutionService institutions, DropFolder folders,
               ApplicationKeys applicationKeys, PlatformTransactionManager transactions, Clock clock) {
        this.files = files;
        this.residents = residents;
        this.institutions = institutions;
        this.folders = folders;
        this.applicationKeys = applicationKeys;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** A card left out of its batch because its data could not be read or do not make a card, with the reason. */
    public record Rejected(BatchCard card, String field, String reason) {
    }

    /**
     * What was written: the sealed file ({@code null} when no card of the batch could be read, and then nothing is in
     * the outbox), the cards in it (with their card numbers) and the cards left out.
     */
    public record Written(DataFileWriter.Sealed sealed, List<BatchCard> cards, List<Rejected> rejected) {
    }

    /** Cards read per transaction of their own; a chunk that fails is read again card by card. */
    static final int CHUNK = 100;

    /**
     * Builds the sealed file and its manifest under hidden temporary names in the maker's outbox; they take their final
     * names only once the transaction commits (a drop-folder maker never sees the file of a plan that rolls back), and
     * are removed if it rolls back.
     *
     * <p>One unreadable resident does not stop the batch (PER-04, APP-08): the residents are read in transactions of
     * their own, {@value #CHUNK} at a time (so a failed read cannot doom the caller's transaction), and a card whose
     * resident is missing, cannot be decrypted or lacks a field the card needs is left out and answered in
     * {@link Written#rejected()}. A failure of the device or the disk still fails the whole call.
     *
     * @param numbers gives a card that has no card number yet its number, once its data were read
     */
    public Written write(String batchNo, String makerCode, String centreCode, String regionCode, int sequence,
                         List<BatchCard> cards, Function<BatchCard, String> numbers) {
        Path outbox = folders.outbox(makerCode);
        String issuerName = institutions.get(centreCode).name();
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        Reading records = new Reading(cards.iterator(), batchNo, issuerName, centreCode, today, numbers);
        if (!records.hasNext()) {
            return new Written(null, List.of(), records.rejected);
        }
        Path tmp = outbox.resolve("." + batchNo + ".building");
        Path tmpManifest = outbox.resolve("." + batchNo + ".manifest.building");
        try {
            DataFileWriter.Sealed sealed;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                sealed = files.build(new DataFileService.BatchFile(batchNo, makerCode, centreCode, regionCode, sequence,
                        applicationKeys.forRegion(regionCode)), records, out);
            }
            List<String> lines = new ArrayList<>();
            lines.add("# batch=" + batchNo + " maker=" + makerCode + " cards=" + records.written.size() + " file="
                    + sealed.fileName() + " sm3=" + sealed.digest());
            records.written.forEach(c -> lines.add(c.caseId() + ";" + c.cardNo()));
            Files.write(tmpManifest, lines, StandardCharsets.UTF_8);
            publishOnCommit(tmp, outbox.resolve(sealed.fileName()), tmpManifest,
                    outbox.resolve(sealed.fileName() + ".manifest"));
            return new Written(sealed, List.copyOf(records.written), List.copyOf(records.rejected));
        } catch (IOException | RuntimeException e) {
            delete(tmp, tmpManifest);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The card records of a batch as the writer pulls them, read a chunk at a time; rejected cards are skipped. */
    private final class Reading implements Iterator<CardRecord> {
        private final Iterator<BatchCard> source;
        private final String batchNo;
        private final String issuerName;
        private final String centreCode;
        private final LocalDate today;
        private final Function<BatchCard, String> numbers;
        private final Deque<CardRecord> ready = new ArrayDeque<>();
        private final List<BatchCard> written = new ArrayList<>();
        private final List<Rejected> rejected = new ArrayList<>();

        Reading(Iterator<BatchCard> source, String batchNo, String issuerName, String centreCode, LocalDate today,
                Function<BatchCard, String> numbers) {
            this.source = source;
            this.batchNo = batchNo;
            this.issuerName = issuerName;
            this.centreCode = centreCode;
            this.today = today;
            this.numbers = numbers;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && source.hasNext()) {
                List<BatchCard> chunk = new ArrayList<>(CHUNK);
                while (chunk.size() < CHUNK && source.hasNext()) {
                    chunk.add(source.next());
                }
                List<Object> read = readChunk(chunk, batchNo);
                for (int i = 0; i < chunk.size(); i++) {
                    BatchCard card = chunk.get(i);
                    if (read.get(i) instanceof Rejected r) {
                        rejected.add(r);
                        continue;
                    }
                    ResidentData data = (ResidentData) read.get(i);
                    BatchCard numbered = card.cardNo() != null ? card : new BatchCard(card.caseId(), card.residentId(),
                            card.regionCode(), numbers.apply(card));
                    written.add(numbered);
                    ready.add(record(numbered, data, issuerName, centreCode, today));
                }
            }
            return !ready.isEmpty();
        }

        @Override
        public CardRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }
    }

    /**
     * Reads a chunk's residents in one new transaction; if that transaction fails (a read that threw marks it for
     * rollback), each card again in a transaction of its own. Answers per card its {@link ResidentData} or
     * {@link Rejected}.
     */
    private List<Object> readChunk(List<BatchCard> chunk, String batchNo) {
        try {
            List<Object> read = SecurityContextUsers.runAsSystem(() -> ownTransaction.execute(t -> {
                List<Object> out = new ArrayList<>(chunk.size());
                for (BatchCard card : chunk) {
                    out.add(readOne(card, batchNo));
                }
                return out;
            }));
            if (read != null) {
                return read; // completed: a Rejected card threw nothing, so no card needs reading twice
            }
        } catch (RuntimeException e) {
            log.debug("chunk of batch {} read again card by card: {}", batchNo, e.toString());
        }
        List<Object> out = new ArrayList<>(chunk.size());
        for (BatchCard card : chunk) {
            Object one;
            try {
                one = SecurityContextUsers.runAsSystem(() -> ownTransaction.execute(t -> readOne(card, batchNo)));
            } catch (RuntimeException e) {
                if (!cardFault(e)) {
                    throw e; // not this card's fault (device, database, security): the whole submission fails
                }
                log.warn("card of case {} left out of batch {}: its resident's data cannot be read: {}", card.caseId(),
                        batchNo, e.toString());
                one = rejection(card, e);
            }
            out.add(one);
        }
        return out;
    }

    /** One resident's data, or why it makes no card; an exception (which dooms the transaction) is thrown on. */
    private Object readOne(BatchCard card, String batchNo) {
        ResidentData r = residents.details(card.residentId(), "制卡数据文件 " + batchNo);
        if (r.name() == null || r.name().isBlank()) {
            return new Rejected(card, "name", "「姓名」为空，无法制卡");
        }
        if (r.documentNumber() == null || r.documentNumber().isBlank()) {
            return new Rejected(card, "documentNumber", "「证件号码」为空，无法制卡");
        }
        if (r.birthDate() == null) {
            return new Rejected(card, "birthDate", "「出生日期」为空，无法制卡");
        }
        if (r.photo() == null || r.photo().length == 0) {
            return new Rejected(card, "photo", "「照片」为空，无法制卡");
        }
        return r;
    }

    /**
     * Whether a failed read is the card's own fault (decision 027 §3a): its resident does not exist, or its stored
     * personal data do not authenticate or are not a ciphertext at all. Anything else — the crypto device, the
     * database or its pool, security — is not, and fails the whole submission instead of turning every card into an
     * error record.
     */
    static boolean cardFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NotFoundException || t instanceof jakarta.persistence.EntityNotFoundException
                    || t instanceof cn.healthcard.crypto.PersonalDataIntegrityException) {
                return true;
            }
            if (t instanceof cn.healthcard.crypto.CryptoException && t.getCause() instanceof IllegalArgumentException) {
                return true; // the stored value is not a ciphertext (not Base64)
            }
        }
        return false;
    }

    /** The card's error record, with a fixed reason (the exception's detail is logged, not stored or shown). */
    private static Rejected rejection(BatchCard card, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NotFoundException || t instanceof jakarta.persistence.EntityNotFoundException) {
                return new Rejected(card, "residentId", "居民档案 " + card.residentId() + " 不存在，无法读取制卡数据");
            }
        }
        return new Rejected(card, null, "居民制卡数据已损坏或无法解密，请核对居民档案后重新制卡");
    }

    private static CardRecord record(BatchCard card, ResidentData r, String issuerName, String centreCode,
                                     LocalDate today) {
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

    /**
     * The file, then its manifest, take their final names after commit; on rollback both are deleted. The move runs
     * first among the commit's callbacks ({@link Ordered#HIGHEST_PRECEDENCE}), before the engine's job executor is
     * woken and before the floor starts the batch's case, so the maker's receipt never looks before the file is there.
     */
    private static void publishOnCommit(Path tmp, Path file, Path tmpManifest, Path manifest) throws IOException {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            move(tmp, file);
            move(tmpManifest, manifest);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }

            @Override
            public void afterCommit() {
                try {
                    move(tmp, file);
                    move(tmpManifest, manifest);
                } catch (IOException e) {
                    // the batch is RELEASED without its file: the maker's receipt reports it missing
                    log.error("data file {} could not be put into the outbox", file, e);
                }
            }

            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    delete(tmp, tmpManifest);
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
