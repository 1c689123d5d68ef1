package cn.healthcard.filing.ui;

import java.util.Locale;

/** Chinese first, English when the UI's locale is English. */
final class FilingLabels {

    private FilingLabels() {
    }

    static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
