package cn.healthcard.institution;

import java.util.List;

/**
 * One row of an import (INT-01) as it was read: every value as text, checked by the import. The columns of a file,
 * in this order, with these Chinese headers, are {@link #HEADERS} (decision 023,
 * {@code docs/examples/institution-import.csv}).
 *
 * @param rowNumber the line of the file (the header is line 1) or the 1-based position in a batch; 0 = by position
 * @param kind      the constant ({@code MEDICAL}) or the Chinese name ({@code 医疗卫生机构})
 * @param nature    for MEDICAL: the constant or Chinese name of {@link MedicalNature}
 * @param category  for MEDICAL: the constant or Chinese name of {@link MedicalCategory}
 */
public record InstitutionRow(int rowNumber, String code, String name, String kind, String regionCode,
                             String superiorCode, String contact, String phone, String address, String head,
                             String nature, String category, String creditCode, String medicalCode) {

    /** The headers of an import file, in column order. */
    public static final List<String> HEADERS = List.of("机构代码", "机构名称", "机构类型", "行政区划代码",
            "上级注册管理中心代码", "联系人", "联系电话", "地址", "负责人", "机构性质", "机构类别",
            "统一社会信用代码", "医疗机构登记号");

    /** The same row with another row number. */
    public InstitutionRow withRowNumber(int number) {
        return new InstitutionRow(number, code, name, kind, regionCode, superiorCode, contact, phone, address, head,
                nature, category, creditCode, medicalCode);
    }

    /** The row from the values of a file's line, in {@link #HEADERS} order; missing trailing values are blank. */
    public static InstitutionRow of(int rowNumber, List<String> values) {
        String[] v = new String[HEADERS.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < values.size() ? values.get(i) : null;
        }
        return new InstitutionRow(rowNumber, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                v[11], v[12]);
    }
}
