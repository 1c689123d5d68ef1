package cn.healthcard.lifecycle.ui;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.lifecycle.CardRequestStatistics;
import cn.healthcard.lifecycle.CardRequestStatistics.RegionCounts;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.workflow.form.ChineseTexts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.LocalDate;

/** 业务统计 (LC-07): completed loss reports, replacements, cancellations … per region in a period. */
@Route(value = "statistics/card-requests", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class StatisticsView extends VerticalLayout {

    private final CardRequestStatistics statistics;
    private final Grid<RegionCounts> grid = new Grid<>();
    private final DatePicker from = ChineseTexts.datePicker(getLocale());
    private final DatePicker to = ChineseTexts.datePicker(getLocale());

    StatisticsView(CardRequestStatistics statistics) {
        this.statistics = statistics;
        setSizeFull();
        add(new H2(getTranslation("nav.statistics")));
        from.setLabel(getTranslation("statistics.from"));
        to.setLabel(getTranslation("statistics.to"));
        // this month so far, in China days (completions are counted per China day; the server may run in UTC)
        LocalDate today = LocalDate.now(cn.healthcard.common.ChinaTime.ZONE);
        from.setValue(today.withDayOfMonth(1));
        to.setValue(today);
        var run = new Button(getTranslation("inbox.search"), e -> refresh());
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setId("statistics-run");
        var bar = new HorizontalLayout(from, to, run);
        bar.setAlignItems(Alignment.BASELINE);
        add(bar);
        boolean en = "en".equals(getLocale().getLanguage());
        grid.setId("statistics-grid");
        grid.addColumn(RegionCounts::regionName).setHeader(getTranslation("statistics.region")).setAutoWidth(true);
        for (RequestType type : RequestType.values()) {
            grid.addColumn(r -> r.counts().getOrDefault(type, 0L)).setHeader(en ? type.nameEn() : type.nameZh())
                    .setAutoWidth(true);
        }
        grid.addColumn(RegionCounts::total).setHeader(getTranslation("statistics.total")).setAutoWidth(true);
        add(grid);
        refresh();
    }

    private void refresh() {
        try {
            grid.setItems(statistics.completedBetween(from.getValue(), to.getValue()));
            to.setInvalid(false);
        } catch (DomainValidationException e) {
            to.setInvalid(true);
            to.setErrorMessage(e.violations().get(0).message());
        }
    }
}
