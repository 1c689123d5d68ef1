package cn.healthcard.workflow.form;

import cn.healthcard.common.CodeTable;
import cn.healthcard.common.CodeTables;

import java.util.List;

/** Options of selects whose {@code valuesKey} names a national code table (document type, sex, ethnicity). */
public final class CodeTableOptions implements OptionsProvider {

    @Override
    public List<Option> options(String valuesKey) {
        CodeTable table = switch (valuesKey) {
            case "documentType" -> CodeTables.documentTypes();
            case "sex" -> CodeTables.sexes();
            case "ethnicity" -> CodeTables.ethnicities();
            default -> throw new IllegalArgumentException("no code table for valuesKey " + valuesKey);
        };
        return table.codes().stream().map(c -> new Option(c.code(), c.name())).toList();
    }
}
