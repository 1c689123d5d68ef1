package cn.healthcard.institution;

/** What an institution does in the card system. */
public enum InstitutionKind {
    /** 注册管理中心 at national, provincial or city level. */
    REGISTRATION_CENTRE,
    /** 服务机构: a front desk where residents apply and collect cards. */
    SERVICE_POINT,
    /** 医疗机构 */
    MEDICAL,
    /** 制卡机构 */
    CARD_MAKER
}
