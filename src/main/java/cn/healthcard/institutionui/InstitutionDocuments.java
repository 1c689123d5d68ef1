package cn.healthcard.institutionui;

import cn.healthcard.common.PageQuery;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.ehc.TerminalState;
import cn.healthcard.ehc.TerminalView;
import cn.healthcard.institution.ImportReport;
import cn.healthcard.institution.InstitutionChange;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionPage;
import cn.healthcard.institution.InstitutionQuery;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.report.InstitutionDetailsReport;
import cn.healthcard.sam.SamRegister;
import cn.healthcard.report.InstitutionListReport;
import cn.healthcard.report.InstitutionPrints;
import cn.healthcard.report.TableExport;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the register's screens print and export (ORG-03): the current query's result as PDF (the first
 * {@value InstitutionListReport#MAX_ROWS} rows), Excel or CSV (every row up to {@value #MAX_EXPORT}), one
 * institution's details as PDF, and an import's per-row report as Excel. The rows come from
 * {@link InstitutionService#search}, so role and region scope (ORG-05) are the service's. Every document made is
 * recorded in the audit log ({@link InstitutionsExported}: who, which format, the query, how many rows).
 */
@Component
class InstitutionDocuments {

    /** The most rows an export holds. */
    static final int MAX_EXPORT = 50_000;

    private static final DateTimeFormatter PRINTED_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private final InstitutionService institutions;
    private final TerminalService terminals;
    private final InstitutionPrints prints;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final SamRegister sams;

    InstitutionDocuments(InstitutionService institutions, TerminalService terminals, InstitutionPrints prints,
                         ApplicationEventPublisher events, TransactionTemplate tx, SamRegister sams) {
        this.sams = sams;
        this.institutions = institutions;
        this.terminals = terminals;
        this.prints = prints;
        this.events = events;
        this.tx = tx;
    }

    /** The rows of a query, page by page, at most {@code limit}; and how many matched. */
    record Rows(List<InstitutionDetails> items, long total) {
    }

    Rows rows(InstitutionQuery query, int limit) {
        List<InstitutionDetails> items = new ArrayList<>();
        long total = 0;
        for (int page = 0; items.size() < limit; page++) {
            InstitutionPage result = institutions.search(query, new PageQuery(page, InstitutionService.MAX_PAGE_SIZE));
            total = result.total();
            items.addAll(result.items().subList(0, Math.min(result.items().size(), limit - items.size())));
            if (result.items().size() < InstitutionService.MAX_PAGE_SIZE || items.size() >= total) {
                break;
            }
        }
        return new Rows(items, total);
    }

    /** The spreadsheet columns of the register, headings in the user's language. */
    static TableExport<InstitutionDetails> table(Locale locale, Function<String, String> text) {
        return TableExport.<InstitutionDetails>sheet(text.apply("inst.export.sheet"))
                .text(text.apply("inst.field.code"), InstitutionDetails::code)
                .text(text.apply("inst.field.name"), InstitutionDetails::name)
                .text(text.apply("inst.field.kind"), d -> Labels.kindWithLevel(d, locale))
                .text(text.apply("inst.field.regionCode"), d -> d.region().value())
                .text(text.apply("inst.field.regionName"), d -> Labels.region(d.region().value()))
                .text(text.apply("inst.field.superiorCode"), InstitutionDetails::superiorCode)
                .text(text.apply("inst.field.contact"), InstitutionDetails::contact)
                .text(text.apply("inst.field.phone"), InstitutionDetails::phone)
                .text(text.apply("inst.field.address"), InstitutionDetails::address)
                .text(text.apply("inst.field.head"), InstitutionDetails::head)
                .text(text.apply("inst.field.nature"), d -> blankAsNull(Labels.nature(d.nature(), locale)))
                .text(text.apply("inst.field.category"), d -> blankAsNull(Labels.category(d.category(), locale)))
                .text(text.apply("inst.field.creditCode"), InstitutionDetails::creditCode)
                .text(text.apply("inst.field.medicalCode"), InstitutionDetails::medicalCode)
                .text(text.apply("inst.field.status"), d -> Labels.status(d.status(), locale))
                .dateTime(text.apply("inst.field.registeredAt"), d -> Labels.dateTime(d.registeredAt()))
                .dateTime(text.apply("inst.field.cancelledAt"), d -> Labels.dateTime(d.cancelledAt()))
                .text(text.apply("inst.field.cancelReason"), InstitutionDetails::cancelReason)
                .number(text.apply("inst.field.version"), InstitutionDetails::version);
    }

    /** The query's rows as Excel; recorded in the audit log. */
    byte[] xlsx(InstitutionQuery query, Locale locale, Function<String, String> text) {
        Rows rows = rows(query, MAX_EXPORT);
        byte[] file = table(locale, text).xlsx(rows.items());
        exported(InstitutionsExported.Format.XLSX, rows.items().size(), rows.total(), describe(query));
        return file;
    }

    /** The query's rows as CSV; recorded in the audit log. */
    byte[] csv(InstitutionQuery query, Locale locale, Function<String, String> text) {
        Rows rows = rows(query, MAX_EXPORT);
        byte[] file = table(locale, text).csv(rows.items());
        exported(InstitutionsExported.Format.CSV, rows.items().size(), rows.total(), describe(query));
        return file;
    }

    /** The query's result as PDF (Chinese, as every printed document), naming the query; recorded in the audit log. */
    byte[] listPdf(InstitutionQuery query) {
        Rows rows = rows(query, InstitutionListReport.MAX_ROWS);
        String filters = describe(query);
        List<InstitutionListReport.Row> printed = rows.items().stream().map(d -> new InstitutionListReport.Row(
                d.code(), d.name(), Labels.kindWithLevel(d, Locale.CHINA), Labels.region(d.region().value()),
                Labels.natureCategory(d, Locale.CHINA), d.contact(), d.phone(), Labels.date(d.registeredAt()),
                Labels.status(d.status(), Locale.CHINA))).toList();
        byte[] file = prints.list(new InstitutionListReport(filters, printedBy(), rows.total(), printed));
        exported(InstitutionsExported.Format.LIST_PDF, printed.size(), rows.total(), filters);
        return file;
    }

    /** The query in words, for the printed list and the audit log: 地区：…（含下级）；类型：… (Chinese, as the document). */
    String describe(InstitutionQuery q) {
        List<String> parts = new ArrayList<>();
        if (q.regionCode() != null) {
            parts.add("地区：" + Labels.region(q.regionCode()) + "（含下级）");
        } else {
            parts.add("地区：" + Labels.region(institutions.scope().value()) + "（本级及下级）");
        }
        if (q.name() != null) {
            parts.add("名称含：" + q.name());
        }
        if (q.kind() != null) {
            parts.add("类型：" + q.kind().nameZh());
        }
        if (q.nature() != null) {
            parts.add("性质：" + q.nature().nameZh());
        }
        if (q.category() != null) {
            parts.add("类别：" + q.category().nameZh());
        }
        if (q.code() != null) {
            parts.add("代码：" + q.code());
        }
        if (q.registeredFrom() != null || q.registeredTo() != null) {
            parts.add("登记日期：" + (q.registeredFrom() == null ? "" : q.registeredFrom()) + " 至 "
                    + (q.registeredTo() == null ? "" : q.registeredTo()));
        }
        if (q.status() != null) {
            parts.add("状态：" + q.status().nameZh());
        }
        return String.join("；", parts);
    }

    /**
     * Records an export in the audit log, after the document was made and before it leaves: no entry, no document
     * (the audit listener writes in this transaction and fails loudly).
     */
    private void exported(InstitutionsExported.Format format, int rows, long matched, String filters) {
        CurrentUser user = SecurityContextUsers.require();
        tx.executeWithoutResult(s -> events.publishEvent(new InstitutionsExported(user.username(),
                user.region().value(), format, rows, matched, filters)));
    }

    /** The terminals of an institution in the caller's scope (EHC-05), by id. */
    List<TerminalView> terminalsOf(String institutionCode) {
        return terminals.list().stream().filter(t -> t.institutionCode().equals(institutionCode)).toList();
    }

    /**
     * One institution's details as PDF, with its history and, for a medical institution, its terminals and SAM cards
     * (ORG-02); recorded in
     * the audit log.
     */
    byte[] detailsPdf(InstitutionDetails d, List<InstitutionChange> history, List<TerminalView> devices) {
        Locale zh = Locale.CHINA;
        List<InstitutionDetailsReport.Section> sections = new ArrayList<>();
        List<InstitutionDetailsReport.Field> basic = new ArrayList<>(List.of(
                field("机构代码", d.code()), field("机构名称", d.name()),
                field("机构类型", Labels.kindWithLevel(d, zh)), field("所在地区", Labels.regionLabel(d.region().value())),
                field("上级注册管理中心", d.superiorCode()), field("状态", Labels.status(d.status(), zh)),
                field("登记时间", printed(d.registeredAt())), field("版本", Long.toString(d.version()))));
        if (!d.active()) {
            basic.add(field("注销时间", printed(d.cancelledAt())));
            basic.add(field("注销原因", d.cancelReason()));
        }
        sections.add(new InstitutionDetailsReport.Section("基本信息", basic));
        sections.add(new InstitutionDetailsReport.Section("联系信息", List.of(field("联系人", d.contact()),
                field("联系电话", d.phone()), field("负责人", d.head()), field("地址", d.address()))));
        boolean medical = d.kind() == InstitutionKind.MEDICAL;
        if (medical) {
            sections.add(new InstitutionDetailsReport.Section("医疗卫生机构信息", List.of(
                    field("机构性质", Labels.nature(d.nature(), zh)), field("机构类别", Labels.category(d.category(), zh)),
                    field("统一社会信用代码", d.creditCode()), field("医疗机构登记号", d.medicalCode()))));
        }
        List<InstitutionDetailsReport.Change> changes = history.stream().map(c -> new InstitutionDetailsReport.Change(
                Labels.dateTime(c.at()), changeName(c.type()), c.by(),
                c.type() == InstitutionChange.Type.CANCELLED ? d.cancelReason() : "第 " + c.version() + " 版"))
                .toList();
        List<InstitutionDetailsReport.Terminal> printedTerminals = devices.stream()
                .map(t -> new InstitutionDetailsReport.Terminal(t.terminalId(), t.description(),
                        t.state() == TerminalState.ACTIVE ? "启用" : "停用", Labels.dateTime(t.registeredAt())))
                .toList();
        List<InstitutionDetailsReport.Sam> printedSams = !medical ? List.of() : sams.ofInstitution(d.code()).stream()
                .map(c -> new InstitutionDetailsReport.Sam(c.samNo(), c.status().nameZh(),
                        c.terminalType() == null ? null : c.terminalType().nameZh(), c.terminalNo()))
                .toList();
        byte[] file = prints.details(new InstitutionDetailsReport(d.name(), d.code(), Labels.status(d.status(), zh),
                sections, changes, medical, printedTerminals, printedSams, printedBy()));
        exported(InstitutionsExported.Format.DETAILS_PDF, 1, 1, "机构代码：" + d.code());
        return file;
    }

    static String changeName(InstitutionChange.Type type) {
        return switch (type) {
            case REGISTERED -> "登记";
            case MODIFIED -> "修改";
            case CANCELLED -> "注销";
        };
    }

    /** The per-row report of an import as Excel. */
    static byte[] importReportXlsx(ImportReport report, Locale locale, Function<String, String> text) {
        return TableExport.<ImportReport.RowResult>sheet(text.apply("inst.import.sheet"))
                .number(text.apply("inst.import.col.row"), ImportReport.RowResult::rowNumber)
                .text(text.apply("inst.field.code"), ImportReport.RowResult::code)
                .text(text.apply("inst.import.col.outcome"), r -> Labels.english(locale) ? r.outcome().nameEn()
                        : r.outcome().nameZh())
                .text(text.apply("inst.import.col.column"), ImportReport.RowResult::column)
                .text(text.apply("inst.import.col.reason"), ImportReport.RowResult::reason)
                .xlsx(report.rows());
    }

    /** A download's file name: {@code 机构查询结果-20261206-1430.xlsx}. */
    static String fileName(String base, String extension) {
        return base + "-" + FILE_TIME.format(LocalDateTime.now(cn.healthcard.common.ChinaTime.ZONE)) + "."
                + extension;
    }

    private static InstitutionDetailsReport.Field field(String label, String value) {
        return new InstitutionDetailsReport.Field(label, value);
    }

    /** A time as printed documents write it (as {@code ReportFormats}): 2026年12月6日 14:30. */
    private static String printed(java.time.Instant instant) {
        return instant == null ? "" : PRINTED_TIME.format(Labels.dateTime(instant));
    }

    private static String printedBy() {
        return SecurityContextUsers.require().displayName();
    }

    private static String blankAsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
