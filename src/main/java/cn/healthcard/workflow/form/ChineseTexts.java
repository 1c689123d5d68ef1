package cn.healthcard.workflow.form;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.upload.UploadI18N;

import java.util.List;
import java.util.Locale;

/**
 * Chinese texts for the Vaadin components that ship English ones (date picker calendar, upload). English locales
 * keep Vaadin's defaults.
 */
public final class ChineseTexts {

    private ChineseTexts() {
    }

    /** A date picker with a Chinese calendar (Monday first, ISO dates) unless the locale is English. */
    public static DatePicker datePicker(Locale locale) {
        DatePicker picker = new DatePicker();
        picker.setLocale(locale);
        if (!FormField.isEnglish(locale)) {
            var i18n = new DatePicker.DatePickerI18n()
                    .setMonthNames(List.of("一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月",
                            "十一月", "十二月"))
                    .setWeekdays(List.of("星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"))
                    .setWeekdaysShort(List.of("日", "一", "二", "三", "四", "五", "六"))
                    .setFirstDayOfWeek(1)
                    .setToday("今天")
                    .setCancel("取消")
                    .setDateFormat("yyyy-MM-dd");
            picker.setI18n(i18n);
        }
        return picker;
    }

    /** Chinese upload texts, or null for English (Vaadin's defaults). */
    static UploadI18N upload(Locale locale) {
        if (FormField.isEnglish(locale)) {
            return null;
        }
        var i18n = new UploadI18N();
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne("将照片拖到此处").setMany("将文件拖到此处"));
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne("选择照片…").setMany("选择文件…"));
        i18n.setError(new UploadI18N.Error().setTooManyFiles("只能上传一张照片").setFileIsTooBig("照片不能超过2MB")
                .setIncorrectFileType("照片须为JPEG或PNG格式"));
        i18n.setUploading(new UploadI18N.Uploading()
                .setStatus(new UploadI18N.Uploading.Status().setConnecting("正在连接…").setStalled("上传停滞")
                        .setProcessing("正在处理…").setHeld("排队中"))
                .setRemainingTime(new UploadI18N.Uploading.RemainingTime().setPrefix("剩余时间：")
                        .setUnknown("剩余时间未知"))
                .setError(new UploadI18N.Uploading.Error().setServerUnavailable("服务器不可用")
                        .setUnexpectedServerError("服务器错误").setForbidden("无权上传")));
        i18n.setFile(new UploadI18N.File().setRetry("重试").setStart("开始").setRemove("删除"));
        i18n.setUnits(new UploadI18N.Units(List.of("B", "KB", "MB", "GB", "TB")));
        return i18n;
    }
}
