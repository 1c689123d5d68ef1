package cn.healthcard.samsupply.internal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The two link tables whose primary keys make "one application in one report only" and "one report in one plan
 * only" hold also between two people acting at the same moment: the second insert fails on the key.
 */
@Component
public class SamLink {

    private final JdbcTemplate jdbc;

    SamLink(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void reportItem(String applicationNo, String reportNo) {
        jdbc.update("insert into sam_report_item (application_no, report_no) values (?, ?)", applicationNo, reportNo);
    }

    public void planItem(String reportNo, String planNo) {
        jdbc.update("insert into sam_plan_item (report_no, plan_no) values (?, ?)", reportNo, planNo);
    }
}
