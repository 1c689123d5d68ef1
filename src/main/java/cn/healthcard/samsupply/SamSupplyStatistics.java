package cn.healthcard.samsupply;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.logistics.ItemKind;
import cn.healthcard.logistics.ItemShipment;
import cn.healthcard.logistics.ShipmentKind;
import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.logistics.ShipmentStatus;
import cn.healthcard.samsupply.internal.SamOrder;
import cn.healthcard.samsupply.internal.SamOrderRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SAM supervision (SAM-05, seeds 4.3.5.1 and 4.3.5.2; decision 031) as queries a chart can use: rows of plain numbers
 * per day and maker (ordered, made, failed, still open, progress and success rate), per day, region and institution
 * (issued, signed for, not signed for). Scoped to the caller's region; dates are China dates, at most 366 days.
 */
@Service
public class SamSupplyStatistics {

    public static final int MAX_DAYS = 366;

    private final SamOrderRepository orders;
    private final ShipmentService shipments;
    private final SamLevels levels;

    SamSupplyStatistics(SamOrderRepository orders, ShipmentService shipments, SamLevels levels) {
        this.orders = orders;
        this.shipments = shipments;
        this.levels = levels;
    }

    /**
     * 4.3.5.1 per order date and maker: applied (ordered), made, failed (personalisation), open (not answered yet),
     * orderFailed (orders given up: a refused answer, attempts used up, the maker's filing gone); progress and success
     * rate in %.
     */
    public record ProductionRow(LocalDate date, String makerCode, String makerName, int applied, int made,
                                int failed, int open, int orderFailed, double progressPercent,
                                double successPercent) {
    }

    /** 4.3.5.2 per warehouse-out date, region and institution: issued, signed for, not signed for. */
    public record IssuingRow(LocalDate date, String regionCode, String institutionCode, String institutionName,
                             int issued, int signedFor, int notSignedFor) {
    }

    /** The filter: China dates (inclusive), and optionally one maker / region / institution. */
    public record Filter(LocalDate from, LocalDate to, String makerCode, String regionCode, String institutionCode) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public List<ProductionRow> production(Filter filter) {
        Instant[] range = range(filter);
        CurrentUser me = SecurityContextUsers.require();
        Map<String, int[]> sums = new TreeMap<>();
        for (SamOrder o : orders.findByOrderedAtGreaterThanEqualAndOrderedAtLessThanOrderByOrderedAt(range[0],
                range[1])) {
            if (!me.canSee(o.regionCode())
                    || (filter.makerCode() != null && !filter.makerCode().equals(o.makerCode()))
                    || (filter.regionCode() != null && !o.regionCode().startsWith(prefix(filter.regionCode())))
                    || (filter.institutionCode() != null && !filter.institutionCode().equals(o.institutionCode()))) {
                continue;
            }
            String key = o.orderedAt().atZone(ChinaTime.ZONE).toLocalDate() + "|" + o.makerCode();
            int[] s = sums.computeIfAbsent(key, k -> new int[5]);
            s[0] += o.quantity();
            s[1] += o.madeCount();
            s[2] += o.failedCount();
            s[3] += o.status() == SamOrderStatus.ORDERED || o.status() == SamOrderStatus.SENDING ? o.quantity() : 0;
            s[4] += o.status() == SamOrderStatus.FAILED ? o.quantity() : 0;
        }
        return sums.entrySet().stream().map(e -> {
            String[] k = e.getKey().split("\\|");
            int[] s = e.getValue();
            return new ProductionRow(LocalDate.parse(k[0]), k[1], levels.name(k[1]), s[0], s[1], s[2], s[3],
                    s[4], percent(s[1] + s[2] + s[4], s[0]), percent(s[1], s[1] + s[2]));
        }).toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public List<IssuingRow> issuing(Filter filter) {
        Instant[] range = range(filter);
        Map<String, int[]> sums = new TreeMap<>();
        for (ItemShipment s : shipments.itemShipments(ItemKind.SAM, ShipmentKind.CENTRE_TO_INST, range[0],
                range[1])) {
            if ((filter.regionCode() != null && !s.receiverRegion().startsWith(prefix(filter.regionCode())))
                    || (filter.institutionCode() != null && !filter.institutionCode().equals(s.receiverCode()))) {
                continue;
            }
            String key = s.createdAt().atZone(ChinaTime.ZONE).toLocalDate() + "|" + s.receiverRegion() + "|"
                    + s.receiverCode();
            int[] sum = sums.computeIfAbsent(key, k -> new int[2]);
            sum[0] += s.count();
            sum[1] += s.status() == ShipmentStatus.RECEIVED && s.receivedCount() != null ? s.receivedCount() : 0;
        }
        return sums.entrySet().stream().map(e -> {
            String[] k = e.getKey().split("\\|");
            int[] s = e.getValue();
            return new IssuingRow(LocalDate.parse(k[0]), k[1], k[2], levels.name(k[2]), s[0], s[1], s[0] - s[1]);
        }).toList();
    }

    /** The production table for export (CSV / Excel): the same rows and columns as the screen. */
    public static final cn.healthcard.report.TableExport<ProductionRow> PRODUCTION_TABLE =
            cn.healthcard.report.TableExport.<ProductionRow>sheet("SAM制卡过程监管")
                    .date("日期", ProductionRow::date).text("制卡机构代码", ProductionRow::makerCode)
                    .text("制卡机构", ProductionRow::makerName).number("申领数量", ProductionRow::applied)
                    .number("制卡数量", ProductionRow::made).number("制卡失败", ProductionRow::failed)
                    .number("待制卡", ProductionRow::open)
                    .number("下单失败", ProductionRow::orderFailed).number("制卡进度(%)", ProductionRow::progressPercent)
                    .number("制卡成功率(%)", ProductionRow::successPercent);

    /** The issuing table for export (CSV / Excel). */
    public static final cn.healthcard.report.TableExport<IssuingRow> ISSUING_TABLE =
            cn.healthcard.report.TableExport.<IssuingRow>sheet("SAM发卡过程监管")
                    .date("日期", IssuingRow::date).text("地区", IssuingRow::regionCode)
                    .text("使用机构代码", IssuingRow::institutionCode).text("使用机构", IssuingRow::institutionName)
                    .number("发卡数量", IssuingRow::issued).number("已签收", IssuingRow::signedFor)
                    .number("未签收", IssuingRow::notSignedFor);

    private static String prefix(String regionCode) {
        return cn.healthcard.common.RegionCode.of(regionCode).scopePrefix();
    }

    private static Instant[] range(Filter f) {
        LocalDate to = f.to() == null ? LocalDate.now(ChinaTime.ZONE) : f.to();
        LocalDate from = f.from() == null ? to.minusDays(30) : f.from();
        if (from.isAfter(to)) {
            throw new DomainValidationException("from", "「开始日期」不能晚于「结束日期」");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new DomainValidationException("to", "统计区间最长" + MAX_DAYS + "天");
        }
        if (f.regionCode() != null && !f.regionCode().matches("\\d{6}")) {
            throw new DomainValidationException("regionCode", "「地区」应为6位行政区划代码");
        }
        return new Instant[] {from.atStartOfDay(ChinaTime.ZONE).toInstant(),
                to.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant()};
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
    }
}
