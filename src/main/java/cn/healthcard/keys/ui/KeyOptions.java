package cn.healthcard.keys.ui;

import cn.healthcard.keys.Custodian;
import cn.healthcard.workflow.form.CodeTableOptions;
import cn.healthcard.workflow.form.OptionsProvider;

import java.util.List;

/** Options of the key forms: the key administrators (as custodians), and the national code tables. */
final class KeyOptions implements OptionsProvider {

    private final List<Custodian> keyAdministrators;
    private final OptionsProvider codeTables = new CodeTableOptions();

    KeyOptions(List<Custodian> keyAdministrators) {
        this.keyAdministrators = keyAdministrators;
    }

    @Override
    public List<Option> options(String valuesKey) {
        if ("keyAdministrators".equals(valuesKey)) {
            return keyAdministrators.stream()
                    .map(c -> new Option(c.username(), c.displayName() + "（" + c.username() + "）")).toList();
        }
        return codeTables.options(valuesKey);
    }
}
