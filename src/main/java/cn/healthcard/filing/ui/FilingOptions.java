package cn.healthcard.filing.ui;

import cn.healthcard.filing.ManufacturerView;
import cn.healthcard.filing.ProductType;
import cn.healthcard.workflow.form.CodeTableOptions;
import cn.healthcard.workflow.form.OptionsProvider;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Options of forms/filing.form: the recorded manufacturers and the product types; the code tables otherwise. */
final class FilingOptions implements OptionsProvider {

    private final List<ManufacturerView> manufacturers;
    private final boolean english;
    private final OptionsProvider codeTables = new CodeTableOptions();

    FilingOptions(List<ManufacturerView> manufacturers, Locale locale) {
        this.manufacturers = manufacturers;
        this.english = FilingLabels.english(locale);
    }

    @Override
    public List<Option> options(String valuesKey) {
        return switch (valuesKey) {
            case "manufacturers" -> manufacturers.stream()
                    .map(m -> new Option(m.id(), m.name() + "（" + m.creditCode() + "）")).toList();
            case "filingProductTypes" -> Arrays.stream(ProductType.values())
                    .map(t -> new Option(t.name(), english ? t.nameEn() : t.nameZh())).toList();
            default -> codeTables.options(valuesKey);
        };
    }
}
