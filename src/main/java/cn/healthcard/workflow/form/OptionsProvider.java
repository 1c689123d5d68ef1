package cn.healthcard.workflow.form;

import java.util.List;

/**
 * Supplies the options of a select or radio field whose definition names a code table with {@code valuesKey}
 * (e.g. {@code documentType}, {@code sex}, {@code ethnicity}). The application backs it with its code tables and
 * returns labels in the user's language.
 */
@FunctionalInterface
public interface OptionsProvider {

    /** The options of the code table {@code valuesKey}, in display order; empty if the table is unknown. */
    List<Option> options(String valuesKey);

    /** One choice: the stored code and the text shown for it. */
    record Option(String value, String label) {
    }
}
