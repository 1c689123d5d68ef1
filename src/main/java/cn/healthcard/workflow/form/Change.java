package cn.healthcard.workflow.form;

/**
 * One row of a change table (附表4 补领申请单 变更条目), the value type of {@link ChangeTableField}.
 *
 * @param item     key of the changed item, e.g. {@code address} (one of the table's {@code properties.items})
 * @param oldValue the item's current value (原内容) as given to the table, or {@code null} if none was known
 * @param newValue the value after the change (变更后内容), never blank in a valid value
 * @param reason   why it changes (变更原因), or {@code null}
 */
public record Change(String item, String oldValue, String newValue, String reason) {
}
