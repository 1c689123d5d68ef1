package cn.healthcard.production.datafile;

/**
 * Why a card maker's reader refuses a production data file (PER-02, PER-03): a stable code the maker's software can act
 * on and a Chinese message that says what to do.
 */
public enum DataFileRefusal {
    /** Not a production data file, or a structure the reader cannot follow, though signed. */
    MALFORMED("DF-MALFORMED", "文件格式不正确，不是制卡数据文件：请向发卡机构核实后重新获取"),
    /** Ends early: the transfer was cut or the disc is damaged. */
    TRUNCATED("DF-TRUNCATED", "文件不完整（传输中断或介质损坏）：请重新接收该文件"),
    /** The centre's signature does not verify: a byte changed somewhere after signing, or not signed by the centre. */
    SIGNATURE_INVALID("DF-SIGNATURE", "文件签名验证失败，文件可能被篡改或并非发卡机构签发：请勿使用，并通知发卡机构重发"),
    /** The file is addressed to another card maker. */
    OTHER_MAKER("DF-OTHER-MAKER", "该文件发给其他制卡机构，本机构不能打开：请退回发卡机构"),
    /** The data key is wrapped under a transport key (label or version) this maker's device does not hold. */
    UNKNOWN_KEY_VERSION("DF-KEY-VERSION", "本机构密码设备中没有该文件所用的传输密钥版本：请联系发卡机构核对密钥分发"),
    /** The file belongs to a batch other than the one being received. */
    WRONG_BATCH("DF-WRONG-BATCH", "文件批次号与本次接收的批次不符：请核对批次后重新接收"),
    /** The same card number appears twice. */
    DUPLICATE_CARD("DF-DUPLICATE-CARD", "文件中同一卡号出现两次：请勿制卡，并向发卡机构报送错误记录");

    private final String code;
    private final String message;

    DataFileRefusal(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The stable code, e.g. {@code DF-SIGNATURE}. */
    public String code() {
        return code;
    }

    /** What happened and what to do, in Chinese. */
    public String message() {
        return message;
    }
}
