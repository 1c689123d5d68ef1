package cn.healthcard.report;

import static java.util.Map.entry;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The printed details of one institution (机构详细信息, ORG-03): its fields in sections (basic data, contact, the
 * medical institution's data — whatever its kind has), its status and history, and for a medical institution its
 * terminals and its SAM cards (ORG-02).
 *
 * @param name       机构名称, the heading
 * @param code       机构代码
 * @param statusName the status as printed, e.g. 正常, 已注销
 * @param sections   the fields by section, in order
 * @param history    the changes, oldest first (may be empty)
 * @param medical    whether the institution is a medical institution (then terminals and SAM cards are printed)
 * @param terminals  its terminals (only for a medical institution; may be empty)
 * @param sams       its SAM cards, bound to its terminals or kept at it (only for a medical institution; may be empty)
 * @param printedBy  who prints it
 */
public record InstitutionDetailsReport(String name, String code, String statusName, List<Section> sections,
                                       List<Change> history, boolean medical, List<Terminal> terminals,
                                       List<Sam> sams, String printedBy) {

    /** The template in {@code reports/}. */
    static final String TEMPLATE = "institution-details";

    /** A labelled value. An absent value prints empty. */
    public record Field(String label, String value) {
        public Field {
            Objects.requireNonNull(label, "label");
        }
    }

    /** A titled group of fields, printed two to a row. */
    public record Section(String title, List<Field> fields) {
        public Section {
            Objects.requireNonNull(title, "title");
            fields = List.copyOf(fields);
        }
    }

    /** One change of the institution: when, what (e.g. 登记, 修改, 注销), by whom, and the details (e.g. a reason). */
    public record Change(LocalDateTime at, String action, String by, String detail) {
        public Change {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(action, "action");
        }
    }

    /** A terminal of the institution. */
    public record Terminal(String terminalId, String description, String stateName, LocalDateTime registeredAt) {
        public Terminal {
            Objects.requireNonNull(terminalId, "terminalId");
            Objects.requireNonNull(stateName, "stateName");
        }
    }

    /** A SAM card of the institution: its number, status as printed (e.g. 已绑定), terminal type and number. */
    public record Sam(String samNo, String statusName, String terminalType, String terminalNo) {
        public Sam {
            Objects.requireNonNull(samNo, "samNo");
            Objects.requireNonNull(statusName, "statusName");
        }
    }

    public InstitutionDetailsReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(statusName, "statusName");
        Objects.requireNonNull(printedBy, "printedBy");
        sections = List.copyOf(sections);
        history = List.copyOf(history);
        terminals = medical ? List.copyOf(terminals) : List.of();
        sams = medical ? List.copyOf(sams) : List.of();
    }

    /** The template values: {@code name}, {@code code}, {@code statusName}, {@code printedBy}, {@code medical} (true/false). */
    public Map<String, String> toValues() {
        return Map.ofEntries(
                entry("name", name),
                entry("code", code),
                entry("statusName", statusName),
                entry("printedBy", printedBy),
                entry("medical", Boolean.toString(medical)));
    }

    /**
     * The lists: {@code fields} — per section a row with {@code section} set (the heading), then rows of two fields
     * ({@code label1}, {@code value1}, {@code label2}, {@code value2}, the second pair empty at an odd end) with
     * {@code section} empty; {@code history} — {@code at}, {@code action}, {@code by}, {@code detail};
     * {@code terminals} — {@code terminalId}, {@code description}, {@code stateName}, {@code registeredAt};
     * {@code sams} — {@code samNo}, {@code statusName}, {@code terminalType}, {@code terminalNo}.
     */
    public Map<String, List<Map<String, String>>> toLists() {
        List<Map<String, String>> fields = new ArrayList<>();
        for (Section section : sections) {
            fields.add(Map.of("section", section.title(), "label1", "", "value1", "", "label2", "", "value2", ""));
            for (int i = 0; i < section.fields().size(); i += 2) {
                Field first = section.fields().get(i);
                Field second = i + 1 < section.fields().size() ? section.fields().get(i + 1) : new Field("", "");
                fields.add(Map.of("section", "", "label1", first.label(), "value1", text(first.value()),
                        "label2", second.label(), "value2", text(second.value())));
            }
        }
        List<Map<String, String>> changes = history.stream().map(c -> Map.of(
                "at", ReportFormats.dateTime(c.at()), "action", c.action(), "by", text(c.by()),
                "detail", text(c.detail()))).toList();
        List<Map<String, String>> devices = terminals.stream().map(t -> Map.of(
                "terminalId", t.terminalId(), "description", text(t.description()), "stateName", t.stateName(),
                "registeredAt", t.registeredAt() == null ? "" : ReportFormats.dateTime(t.registeredAt()))).toList();
        List<Map<String, String>> samCards = sams.stream().map(c -> Map.of("samNo", c.samNo(),
                "statusName", c.statusName(), "terminalType", text(c.terminalType()),
                "terminalNo", text(c.terminalNo()))).toList();
        return Map.of("fields", fields, "history", changes, "terminals", devices, "sams", samCards);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
