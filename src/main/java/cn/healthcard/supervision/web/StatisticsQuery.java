package cn.healthcard.supervision.web;

import cn.healthcard.supervision.Granularity;
import cn.healthcard.supervision.StatisticsFilter;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;

/**
 * The query of a statistic ({@code ?from=&to=&granularity=&regionCode=…}), bound by Spring; the service checks the
 * values (400 naming the field) and the region (403 naming regionCode).
 */
record StatisticsQuery(
        @Parameter(description = "第一天 first China day (yyyy-MM-dd), inclusive; default 29 days before `to`",
                schema = @Schema(type = "string", format = "date"))
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @Parameter(description = "最后一天 last China day (yyyy-MM-dd), inclusive; default today; at most 366 days",
                schema = @Schema(type = "string", format = "date"))
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        @Parameter(description = "统计周期 period of rows and series: DAY, WEEK (ISO) or MONTH; default DAY")
        Granularity granularity,
        @Parameter(description = "地区 a 6-digit region inside the caller's scope; default the caller's own")
        @Size(max = 6, message = "「地区」应为6位行政区划代码") String regionCode,
        @Parameter(description = "机构 one institution (desk, medical institution, centre)")
        @Size(max = 64, message = "「机构」最长64个字符") String institutionCode,
        @Parameter(description = "制卡机构 one card maker (production)")
        @Size(max = 64, message = "「制卡机构」最长64个字符") String makerCode,
        @Parameter(description = "使用环节 one usage stage, e.g. REGISTRATION, PHARMACY (usage)")
        @Size(max = 32, message = "「使用环节」最长32个字符") String scenario,
        @Parameter(description = "同比上期 add the previous period of equal length (series)")
        Boolean compare,
        @Parameter(description = "状态 the slice of a STAT-01 list: a card status (CARD_STATUS, e.g. REPORTED_LOST), a SAM"
                + " state (SAM_STATE: ACTIVE, FROZEN, CANCELLED), a filing status (FILING_STATUS, e.g. FILED), an"
                + " institution kind (INSTITUTION_KIND, e.g. MEDICAL)")
        @Size(max = 32, message = "「状态」最长32个字符") String status,
        @Parameter(description = "业务类型 one card request type, e.g. LOSS_REPORT, REPLACEMENT (cases of CARD_REQUESTS)")
        @Size(max = 32, message = "「业务类型」最长32个字符") String requestType) {

    StatisticsFilter filter() {
        return new StatisticsFilter(from, to, granularity, regionCode, institutionCode, makerCode, scenario,
                Boolean.TRUE.equals(compare), status, requestType);
    }
}
