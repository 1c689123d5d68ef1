package cn.healthcard.production.internal;

import cn.healthcard.production.internal.PlanStore.Batch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.springframework.dao.DataIntegrityViolationException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the makers' result files from {@code <root>/<maker>/inbox/} (BPM-04). A file is named
 * {@code <batchNo>[_<anything>].result} and holds one line per card, {@code caseId;outcome;cardNo;chipSerial;reason}
 * with outcome PRODUCED, FAILED or DESTROYED ({@code #} starts a comment). A good file is persisted on arrival
 * ({@link ResultStore}, a duplicate line is harmless) and moved to {@code processed/}; a malformed one moves to
 * {@code rejected/} with a {@code .reason} file beside it and never stalls the others.
 */
@Component
public class InboxScanner {

    private static final Logger log = LoggerFactory.getLogger(InboxScanner.class);
    private static final Pattern NAME = Pattern.compile("([A-Z0-9-]{1,32})(_[A-Za-z0-9-]{0,64})?\\.result");
    private static final Set<String> OUTCOMES = Set.of("PRODUCED", "FAILED", "DESTROYED");
    /** A file that cannot be read this many passes in a row is rejected, so it never blocks its batch for ever. */
    private static final int MAX_ATTEMPTS = 5;

    private final Map<Path, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();

    private final DropFolder folders;
    private final PlanStore plans;
    private final OrderStore orders;
    private final ResultStore results;

    InboxScanner(DropFolder folders, PlanStore plans, OrderStore orders, ResultStore results) {
        this.folders = folders;
        this.plans = plans;
        this.orders = orders;
        this.results = results;
    }

    @Scheduled(fixedDelayString = "${healthcard.production.drop-folder.scan-interval:PT5S}",
            initialDelayString = "${healthcard.production.drop-folder.scan-interval:PT5S}")
    void run() {
        scan();
    }

    /** One pass over every maker's inbox; answers how many files were accepted. */
    public synchronized int scan() {
        if (!Files.isDirectory(folders.root())) {
            return 0;
        }
        int accepted = 0;
        try (DirectoryStream<Path> makers = Files.newDirectoryStream(folders.root(), Files::isDirectory)) {
            for (Path makerDir : makers) {
                String maker = makerDir.getFileName().toString();
                Path inbox = makerDir.resolve("inbox");
                if (!maker.matches("[A-Za-z0-9-]{1,32}") || !Files.isDirectory(inbox)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox, Files::isRegularFile)) {
                    for (Path file : files) {
                        if (!file.getFileName().toString().startsWith(".") && take(maker, file)) {
                            accepted++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            log.error("production inbox scan failed", e);
        }
        return accepted;
    }

    private boolean take(String maker, Path file) {
        try {
            List<ResultStore.Arrived> answers = parse(maker, file);
            int stored;
            try {
                stored = results.persist(answers, "drop-folder:" + maker + "/" + file.getFileName());
            } catch (DataIntegrityViolationException e) {
                throw new Rejected("结果无法保存（字段超长或不合规）: " + e.getMostSpecificCause().getMessage());
            }
            Files.move(file, folders.processed(maker).resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            attempts.remove(file);
            log.info("result file {} of maker {}: {} lines, {} new", file.getFileName(), maker, answers.size(), stored);
            return true;
        } catch (Rejected e) {
            attempts.remove(file);
            reject(maker, file, e.getMessage());
            return false;
        } catch (CharacterCodingException e) {
            attempts.remove(file);
            reject(maker, file, "文件不是 UTF-8 编码");
            return false;
        } catch (IOException | RuntimeException e) {
            int tried = attempts.merge(file, 1, Integer::sum);
            if (tried >= MAX_ATTEMPTS) {
                attempts.remove(file);
                reject(maker, file, "连续 " + tried + " 次无法读取: " + e.getMessage());
                return false;
            }
            log.warn("result file {} of maker {} not read now (attempt {}), retried next pass: {}", file.getFileName(),
                    maker, tried, e.getMessage());
            return false;
        }
    }

    private List<ResultStore.Arrived> parse(String maker, Path file) throws IOException {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            throw new Rejected("文件名应为 <批次号>[_<后缀>].result");
        }
        String batchNo = name.group(1);
        Batch batch = plans.batch(batchNo).orElseThrow(() -> new Rejected("批次 " + batchNo + " 不存在"));
        if (!batch.makerCode().equals(maker)) {
            throw new Rejected("批次 " + batchNo + " 不属于制卡机构 " + maker);
        }
        if ("RELEASED".equals(batch.status()) || "RECEIVED".equals(batch.status())) {
            throw new Rejected("批次 " + batchNo + " 尚未开始制作");
        }
        long limit = (long) batch.cardCount() * 200 + 4096;
        if (Files.size(file) > limit) {
            throw new Rejected("文件过大（" + Files.size(file) + " 字节），批次 " + batchNo + " 的结果文件至多 " + limit + " 字节");
        }
        Map<String, String> cards = new HashMap<>();
        orders.ofBatch(batchNo).forEach(o -> cards.put(o.caseId(), o.cardNo()));
        List<ResultStore.Arrived> answers = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(";", -1);
            if (f.length != 5) {
                throw new Rejected("第 " + lineNo + " 行应有 5 个以分号分隔的字段（案件号;结果;卡号;芯片序列号;原因）");
            }
            String caseId = f[0].trim();
            String outcome = f[1].trim();
            if (!cards.containsKey(caseId)) {
                throw new Rejected("第 " + lineNo + " 行: 案件 " + caseId + " 不在批次 " + batchNo + " 中");
            }
            if (!OUTCOMES.contains(outcome)) {
                throw new Rejected("第 " + lineNo + " 行: 结果应为 PRODUCED、FAILED 或 DESTROYED");
            }
            if (f[3].trim().length() > 32 || f[4].trim().length() > 500) {
                throw new Rejected("第 " + lineNo + " 行: 芯片序列号至多 32 个字符，原因至多 500 个字符");
            }
            if ("PRODUCED".equals(outcome) && (!f[2].trim().equals(cards.get(caseId)) || f[3].isBlank())) {
                throw new Rejected("第 " + lineNo + " 行: 已制成的卡须有数据文件中的卡号和芯片序列号");
            }
            if (!"PRODUCED".equals(outcome) && f[4].isBlank()) {
                throw new Rejected("第 " + lineNo + " 行: 失败或销毁须写明原因");
            }
            answers.add(new ResultStore.Arrived(batchNo, caseId, outcome, cards.get(caseId),
                    f[3].isBlank() ? null : f[3].trim(), f[4].isBlank() ? null : f[4].trim()));
        }
        if (answers.isEmpty()) {
            throw new Rejected("文件中没有结果行");
        }
        return answers;
    }

    private void reject(String maker, Path file, String reason) {
        try {
            Path target = folders.rejected(maker).resolve(file.getFileName());
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(target.resolveSibling(file.getFileName() + ".reason"), reason + "\n",
                    StandardCharsets.UTF_8);
            log.warn("result file {} of maker {} rejected: {}", file.getFileName(), maker, reason);
        } catch (IOException e) {
            log.error("result file {} of maker {} could not be moved to rejected/", file.getFileName(), maker, e);
        }
    }

    /** A malformed result file, with the reason the maker can act on. */
    private static final class Rejected extends RuntimeException {
        Rejected(String reason) {
            super(reason);
        }
    }
}
