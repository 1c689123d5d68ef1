package cn.healthcard.supervision.export;

import cn.healthcard.report.TableExport;

/** What an export writes: CSV, an Excel workbook, or (on screen only) a PDF with the chart and the table. */
public enum ExportFormat {
    CSV("csv", TableExport.CSV_TYPE, "CSV"),
    XLSX("xlsx", TableExport.XLSX_TYPE, "Excel"),
    PDF("pdf", "application/pdf", "PDF");

    private final String extension;
    private final String contentType;
    private final String label;

    ExportFormat(String extension, String contentType, String label) {
        this.extension = extension;
        this.contentType = contentType;
        this.label = label;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The format's name in the audit entry and on screen. */
    public String label() {
        return label;
    }
}
