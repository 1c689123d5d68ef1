package cn.healthcard.filing;

import cn.healthcard.filing.internal.Manufacturer;
import cn.healthcard.filing.internal.ManufacturerRepository;
import cn.healthcard.filing.internal.ProductFiling;
import cn.healthcard.filing.internal.ProductFilingRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import jakarta.persistence.criteria.Predicate;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The filed-products catalogue for people (FIL-02): every level queries and exports (CSV, Excel); provincial and city
 * centres see filings that were published (current, expired, revoked), the national centre also applications in
 * review, a manufacturer's client only its own. Export columns are the catalogue's.
 */
@Service
public class FilingCatalogue {

    public static final int MAX_PAGE = 200;
    public static final int MAX_EXPORT = 10_000;
    static final List<String> HEADERS = List.of("备案号", "申请编号", "产品类型", "产品型号", "产品版本", "生产单位",
            "统一社会信用代码", "状态", "有效期起", "有效期止");

    private final ProductFilingRepository filings;
    private final ManufacturerRepository manufacturers;
    private final FilingAccess access;

    FilingCatalogue(ProductFilingRepository filings, ManufacturerRepository manufacturers, FilingAccess access) {
        this.filings = filings;
        this.manufacturers = manufacturers;
        this.access = access;
    }

    /** One catalogue row. */
    public record Entry(String id, String filingNo, String caseNo, ProductType productType, String model,
                        String productVersion, String manufacturerName, String manufacturerCreditCode,
                        FilingStatus status, java.time.LocalDate validFrom, java.time.LocalDate validUntil) {
    }

    /** A page of the catalogue, newest first; {@code total} counts all matches. */
    public record Result(List<Entry> entries, long total) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Result query(CatalogueFilter filter, int page, int size) {
        Page<ProductFiling> found = filings.findAll(spec(filter == null ? CatalogueFilter.all() : filter),
                PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), MAX_PAGE),
                        Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("id"))));
        return new Result(entries(found.getContent()), found.getTotalElements());
    }

    /** The matches (at most {@value #MAX_EXPORT}) as CSV, UTF-8 with a byte-order mark for spreadsheet programs. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public byte[] csv(CatalogueFilter filter) {
        StringBuilder out = new StringBuilder("\uFEFF").append(String.join(",", HEADERS)).append("\r\n");
        for (Entry e : all(filter)) {
            out.append(cells(e).stream().map(FilingCatalogue::csvCell).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The matches (at most {@value #MAX_EXPORT}) as an Excel workbook (.xlsx). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public byte[] xlsx(CatalogueFilter filter) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("备案产品目录");
            Row head = sheet.createRow(0);
            for (int i = 0; i < HEADERS.size(); i++) {
                head.createCell(i).setCellValue(HEADERS.get(i));
            }
            int r = 1;
            for (Entry e : all(filter)) {
                Row row = sheet.createRow(r++);
                List<String> cells = cells(e);
                for (int i = 0; i < cells.size(); i++) {
                    row.createCell(i).setCellValue(cells.get(i));
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Entry> all(CatalogueFilter filter) {
        return entries(filings.findAll(spec(filter == null ? CatalogueFilter.all() : filter),
                PageRequest.of(0, MAX_EXPORT, Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("id"))))
                .getContent());
    }

    private static List<String> cells(Entry e) {
        return List.of(text(e.filingNo()), e.caseNo(), e.productType().nameZh(), e.model(), e.productVersion(),
                e.manufacturerName(), e.manufacturerCreditCode(), e.status().nameZh(), text(e.validFrom()),
                text(e.validUntil()));
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    /** A CSV cell, quoted when needed; a leading formula character is neutralised (CSV injection). */
    static String csvCell(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private Specification<ProductFiling> spec(CatalogueFilter f) {
        CurrentUser user = SecurityContextUsers.require();
        boolean machine = FilingAccess.machine();
        var own = access.clientManufacturer(user);
        List<String> makerIds = FilingRules.blank(f.manufacturer()) ? null
                : manufacturers.findAll().stream()
                .filter(m -> m.name().contains(f.manufacturer().strip())).map(Manufacturer::id).toList();
        return (root, query, cb) -> {
            List<Predicate> p = new ArrayList<>();
            if (machine) {
                p.add(own.isPresent() ? cb.equal(root.get("manufacturerId"), own.get().id()) : cb.disjunction());
            } else if (!FilingAccess.nationalPerson(user)) {
                p.add(cb.isNotNull(root.get("filingNo")));
            }
            if (f.productType() != null) {
                p.add(cb.equal(root.get("productType"), f.productType()));
            }
            if (f.status() != null) {
                p.add(cb.equal(root.get("status"), f.status()));
            }
            if (!FilingRules.blank(f.model())) {
                p.add(cb.like(cb.upper(root.get("model")), "%" + like(f.model().strip().toUpperCase()) + "%", '\\'));
            }
            if (!FilingRules.blank(f.filingNo())) {
                p.add(cb.like(root.get("filingNo"), "%" + like(f.filingNo().strip()) + "%", '\\'));
            }
            if (makerIds != null) {
                p.add(makerIds.isEmpty() ? cb.disjunction() : root.get("manufacturerId").in(makerIds));
            }
            return cb.and(p.toArray(Predicate[]::new));
        };
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private List<Entry> entries(List<ProductFiling> rows) {
        Map<String, Manufacturer> makers = manufacturers.findAllById(rows.stream().map(ProductFiling::manufacturerId)
                .distinct().toList()).stream().collect(Collectors.toMap(Manufacturer::id, Function.identity()));
        return rows.stream().map(f -> {
            Manufacturer m = makers.get(f.manufacturerId());
            return new Entry(f.id(), f.filingNo(), f.caseNo(), f.productType(), f.model(), f.productVersion(),
                    m.name(), m.creditCode(), f.status(), f.validFrom(), f.validUntil());
        }).toList();
    }
}
