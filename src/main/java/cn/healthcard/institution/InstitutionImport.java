package cn.healthcard.institution;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.ImportReport.Outcome;
import cn.healthcard.institution.ImportReport.RowResult;
import cn.healthcard.institution.internal.InstitutionStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Import of institutions from the regional health platform (INT-01): a CSV or .xlsx file with the columns of
 * {@link InstitutionRow#HEADERS}, or rows posted as JSON. Every row is checked by the same rules as a registration
 * at the screen; the report says per row whether it was accepted, rejected (with the column and the reason) or a
 * duplicate. All or nothing: when any row is rejected nothing is written. Decision 023.
 */
@Service
public class InstitutionImport {

    /** The most rows one import may hold. */
    public static final int MAX_ROWS = 20_000;
    /** The largest file, in bytes. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;
    /** Progress is reported every this many rows. */
    public static final int PROGRESS_EVERY = 500;

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("code", "机构代码"), Map.entry("name", "机构名称"), Map.entry("kind", "机构类型"),
            Map.entry("regionCode", "行政区划代码"), Map.entry("superiorCode", "上级注册管理中心代码"),
            Map.entry("contact", "联系人"), Map.entry("phone", "联系电话"), Map.entry("address", "地址"),
            Map.entry("head", "负责人"), Map.entry("nature", "机构性质"), Map.entry("category", "机构类别"),
            Map.entry("creditCode", "统一社会信用代码"), Map.entry("medicalCode", "医疗机构登记号"));

    private final InstitutionService service;
    private final InstitutionStore store;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    InstitutionImport(InstitutionService service, InstitutionStore store, ApplicationEventPublisher events,
                      PlatformTransactionManager transactions) {
        this.service = service;
        this.store = store;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Reads and imports a file: {@code .csv} (UTF-8, with or without BOM) or {@code .xlsx} (the first sheet), first
     * line the headers.
     *
     * @throws DomainValidationException on field {@code file} when the file cannot be read as such, its headers are
     *                                   not {@link InstitutionRow#HEADERS}, it holds more than {@link #MAX_ROWS} rows
     *                                   or more than {@link #MAX_BYTES} bytes
     */
    @PreAuthorize(InstitutionService.WRITERS)
    public ImportReport importFile(String fileName, InputStream in, Consumer<ImportProgress> progress) {
        Consumer<ImportProgress> p = progress == null ? x -> { } : progress;
        p.accept(new ImportProgress(ImportProgress.Phase.READING, 0, 0));
        List<InstitutionRow> rows;
        try {
            rows = ImportFiles.read(fileName, in, MAX_ROWS, MAX_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run(fileName, rows, p);
    }

    /** Imports rows (the batch endpoint); a row number of 0 becomes the row's position, from 1. */
    @PreAuthorize(InstitutionService.WRITERS)
    public ImportReport importRows(List<InstitutionRow> rows) {
        return importRows("batch", rows, null);
    }

    /** Imports rows under a name for the report and the audit, reporting progress. */
    @PreAuthorize(InstitutionService.WRITERS)
    public ImportReport importRows(String source, List<InstitutionRow> rows, Consumer<ImportProgress> progress) {
        if (rows == null || rows.isEmpty()) {
            throw new DomainValidationException("rows", "没有要导入的行");
        }
        if (rows.size() > MAX_ROWS) {
            throw new DomainValidationException("rows", "一次最多导入" + MAX_ROWS + "行，实际" + rows.size() + "行");
        }
        List<InstitutionRow> numbered = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            InstitutionRow r = Objects.requireNonNull(rows.get(i), "row");
            numbered.add(r.rowNumber() > 0 ? r : r.withRowNumber(i + 1));
        }
        return run(source, numbered, progress == null ? x -> { } : progress);
    }

    private ImportReport run(String source, List<InstitutionRow> rows, Consumer<ImportProgress> progress) {
        long started = System.nanoTime();
        RegionCode scope = service.callerRegion();
        String actor = service.actor();
        ImportReport report = tx.execute(status -> {
            store.lock(); // the rows are checked against the register as it is when they are written
            Checked checked = check(rows, scope, progress);
            int accepted = checked.forms.size();
            int duplicates = (int) checked.results.stream().filter(r -> r.outcome() == Outcome.DUPLICATE).count();
            int rejected = rows.size() - accepted - duplicates;
            boolean commit = rejected == 0;
            if (commit && accepted > 0) {
                progress.accept(new ImportProgress(ImportProgress.Phase.WRITING, 0, rows.size()));
                Instant now = service.now();
                long[] seqs = store.registerAll(checked.forms, checked.superiors, now, actor);
                events.publishEvent(new InstitutionsImported(source, scope.value(), accepted, duplicates, seqs[0],
                        seqs[1], "导入" + source + "：接受" + accepted + "行，重复" + duplicates + "行"));
            }
            progress.accept(new ImportProgress(ImportProgress.Phase.DONE, rows.size(), rows.size()));
            return new ImportReport(source, rows.size(), accepted, rejected, duplicates, commit,
                    List.copyOf(checked.results), 0);
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new ImportReport(report.source(), report.total(), report.accepted(), report.rejected(),
                report.duplicates(), report.committed(), report.rows(), millis);
    }

    private record Checked(List<RowResult> results, List<InstitutionForm> forms, Map<String, String> superiors) {
    }

    private Checked check(List<InstitutionRow> rows, RegionCode scope, Consumer<ImportProgress> progress) {
        Map<String, InstitutionDetails> centres = new LinkedHashMap<>(store.centres());
        List<String> codes = rows.stream().map(InstitutionRow::code).filter(Objects::nonNull).map(String::strip)
                .filter(c -> !c.isEmpty() && c.length() <= 32).distinct().toList();
        Map<String, InstitutionDetails> existing = store.existing(codes);
        Map<String, Integer> seen = new HashMap<>();
        List<RowResult> results = new ArrayList<>(rows.size());
        List<InstitutionForm> forms = new ArrayList<>();
        Map<String, String> superiors = new HashMap<>();
        Instant now = service.now();
        int done = 0;
        for (InstitutionRow row : rows) {
            results.add(checkRow(row, scope, centres, existing, seen, forms, superiors, now));
            if (++done % PROGRESS_EVERY == 0) {
                progress.accept(new ImportProgress(ImportProgress.Phase.CHECKING, done, rows.size()));
            }
        }
        progress.accept(new ImportProgress(ImportProgress.Phase.CHECKING, rows.size(), rows.size()));
        return new Checked(results, forms, superiors);
    }

    private RowResult checkRow(InstitutionRow row, RegionCode scope, Map<String, InstitutionDetails> centres,
                               Map<String, InstitutionDetails> existing, Map<String, Integer> seen,
                               List<InstitutionForm> forms, Map<String, String> superiors, Instant now) {
        String code = row.code() == null ? null : row.code().strip();
        List<FieldViolation> v = new ArrayList<>();
        InstitutionKind kind = parse(row.kind(), "kind", "机构类型", InstitutionKind::parse, v);
        MedicalNature nature = parse(row.nature(), "nature", "机构性质", MedicalNature::parse, v);
        MedicalCategory category = parse(row.category(), "category", "机构类别", MedicalCategory::parse, v);
        InstitutionForm form = new InstitutionForm(code, strip(row.name()), kind, strip(row.regionCode()),
                strip(row.superiorCode()), strip(row.contact()), strip(row.phone()), strip(row.address()),
                strip(row.head()), nature, category, strip(row.creditCode()), strip(row.medicalCode()));
        v.addAll(service.violations(form));
        if (v.stream().noneMatch(f -> f.field().equals("code"))) {
            Integer first = seen.putIfAbsent(code, row.rowNumber());
            if (first != null) {
                v.add(new FieldViolation("code", "「机构代码」" + code + "与第" + first + "行重复"));
            }
        }
        if (!v.isEmpty()) {
            return rejected(row, code, v);
        }
        InstitutionDetails old = existing.get(code);
        if (old != null) {
            if (scope.covers(old.region()) && sameAs(form, old)) {
                return new RowResult(row.rowNumber(), code, Outcome.DUPLICATE, null,
                        "与已登记的机构完全相同，已跳过");
            }
            return rejected(row, code, List.of(new FieldViolation("code", "「机构代码」" + code
                    + "已被其他机构使用")));
        }
        InstitutionRules.Checked checked = InstitutionRules.check(form, scope, centres, null);
        if (!checked.ok()) {
            return rejected(row, code, checked.violations());
        }
        forms.add(form);
        superiors.put(code, checked.superiorCode());
        if (kind == InstitutionKind.REGISTRATION_CENTRE) {
            // a centre registered earlier in the file may be the superior of later rows
            centres.put(code, new InstitutionDetails(code, form.name(), kind, RegionCode.of(form.regionCode()),
                    checked.superiorCode(), form.contact(), form.phone(), form.address(), form.head(), null, null,
                    null, null, InstitutionStatus.ACTIVE, now, null, null, 0));
        }
        return new RowResult(row.rowNumber(), code, Outcome.ACCEPTED, null, null);
    }

    private static boolean sameAs(InstitutionForm f, InstitutionDetails d) {
        boolean medical = d.kind() == InstitutionKind.MEDICAL;
        return d.active() && f.kind() == d.kind() && Objects.equals(f.name(), d.name())
                && Objects.equals(f.regionCode(), d.region().value())
                && (f.superiorCode() == null || f.superiorCode().equals(d.superiorCode()))
                && Objects.equals(f.contact(), d.contact()) && Objects.equals(f.phone(), d.phone())
                && Objects.equals(f.address(), d.address()) && Objects.equals(f.head(), d.head())
                && (!medical || (f.nature() == d.nature() && f.category() == d.category()
                && Objects.equals(f.creditCode(), d.creditCode())
                && Objects.equals(f.medicalCode(), d.medicalCode())));
    }

    private static RowResult rejected(InstitutionRow row, String code, List<FieldViolation> v) {
        String column = COLUMNS.getOrDefault(v.get(0).field(), v.get(0).field());
        String reason = String.join("；", v.stream().map(FieldViolation::message).distinct().toList());
        return new RowResult(row.rowNumber(), code, Outcome.REJECTED, column, reason);
    }

    private static <T> T parse(String raw, String field, String label,
                               java.util.function.Function<String, Optional<T>> parser, List<FieldViolation> v) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Optional<T> value = parser.apply(raw);
        if (value.isEmpty()) {
            v.add(new FieldViolation(field, "「" + label + "」不认识：" + abbreviate(raw.strip())));
        }
        return value.orElse(null);
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
