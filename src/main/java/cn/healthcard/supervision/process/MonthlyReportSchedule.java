package cn.healthcard.supervision.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * When the monthly reports are opened (decision 037): at 01:00 China time on the 1st of each month. The timer start
 * event of {@code processes/monthly-report.bpmn} reads {@code ${monthlyReportSchedule.cron}}; the engine evaluates it
 * when the process is deployed and fires it in the JVM's time zone, so the cron is computed for that zone: {@code 0 0
 * 1 1 * ?} at +08:00, {@code 0 0 17 L * ?} (17:00 on the last day) at UTC. A zone that still changes its offset
 * (daylight saving) would shift the report by an hour twice a year: it is refused at start-up with a message, unless
 * {@code healthcard.monthly-report.cron} names the cron explicitly.
 */
@Component("monthlyReportSchedule")
public class MonthlyReportSchedule {

    private static final Logger log = LoggerFactory.getLogger(MonthlyReportSchedule.class);

    /** China time: the reports cover China months and open at 01:00 China time. */
    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final String cron;

    MonthlyReportSchedule(@Value("${healthcard.monthly-report.cron:}") String configured, Clock clock) {
        boolean explicit = configured != null && !configured.isBlank();
        ZoneId zone = ZoneId.systemDefault();
        this.cron = explicit ? configured.trim() : cronFor(zone, clock.instant());
        // every node must compute the same cron: the same non-DST zone, or the property set explicitly (decision 037)
        log.info("月度报告定时器: JVM 时区 {}，cron \"{}\"（{}）", zone, cron,
                explicit ? "healthcard.monthly-report.cron 指定" : "按时区计算为中国时间每月1日01:00");
    }

    /** The Quartz cron (seconds first) the timer start event uses. */
    public String getCron() {
        return cron;
    }

    /**
     * The cron that fires at 01:00 China time on the 1st, read in {@code zone}.
     *
     * @throws IllegalStateException when the zone changes its offset after {@code now} (daylight saving) or has an
     *                               offset in seconds
     */
    public static String cronFor(ZoneId zone, Instant now) {
        var rules = zone.getRules();
        if (rules.nextTransition(now) != null) {
            throw new IllegalStateException("月度报告定时器: 时区 " + zone + " 有夏令时 (偏移会变化)，月报会提前或推迟一小时；"
                    + "请以 -Duser.timezone=Asia/Shanghai 或 UTC 运行，或以 healthcard.monthly-report.cron 指定 cron");
        }
        int offsetSeconds = rules.getOffset(now).getTotalSeconds();
        if (offsetSeconds % 60 != 0) {
            throw new IllegalStateException("月度报告定时器: 时区 " + zone + " 的偏移不是整分钟");
        }
        int minuteOfDay = 60 + offsetSeconds / 60 - CHINA.getTotalSeconds() / 60;
        String day = "1";
        if (minuteOfDay < 0) {
            minuteOfDay += 24 * 60;
            day = "L";
        }
        return "0 " + (minuteOfDay % 60) + " " + (minuteOfDay / 60) + " " + day + " * ?";
    }
}
