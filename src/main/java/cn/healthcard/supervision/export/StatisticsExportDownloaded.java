package cn.healthcard.supervision.export;

import cn.healthcard.common.AuditableEvent;

/**
 * Someone downloaded a background export's file (SEC-03; decision 038): every download is an entry, since a case
 * list is personal data and its file can be fetched again until it expires. The file is named by its export record
 * and SM3, so the entry says which file left (its case numbers are in the record's {@link StatisticsExported}).
 *
 * @param username     who downloaded (the export's owner)
 * @param exportId     the export record
 * @param screen       the table's title
 * @param format       CSV or Excel
 * @param rows         rows in the file
 * @param regionCode   the downloader's region
 * @param personalData whether the rows are cases of persons
 * @param sm3          the file's SM3
 */
public record StatisticsExportDownloaded(String username, String exportId, String screen, String format, long rows,
                                         String regionCode, boolean personalData, String sm3)
        implements AuditableEvent {

    @Override
    public String subjectType() {
        return "StatisticsExport";
    }

    @Override
    public String subjectId() {
        return exportId;
    }

    /** {@code 下载 Excel：案例明细 25000 行；个人数据：是；文件 SM3 …}. */
    @Override
    public String detail() {
        return "下载 " + format + "：" + screen + " " + rows + " 行；个人数据：" + (personalData ? "是" : "否")
                + "；文件 SM3 " + sm3;
    }
}
