package cn.healthcard.production.datafile;

/** A production data file the maker's reader refuses, with the reason the maker can act on. */
public class DataFileRefusedException extends RuntimeException {

    private final DataFileRefusal reason;

    public DataFileRefusedException(DataFileRefusal reason, String detail) {
        super(reason.code() + " " + reason.message() + (detail == null ? "" : "（" + detail + "）"));
        this.reason = reason;
    }

    public DataFileRefusedException(DataFileRefusal reason, String detail, Throwable cause) {
        this(reason, detail);
        initCause(cause);
    }

    public DataFileRefusal reason() {
        return reason;
    }
}
