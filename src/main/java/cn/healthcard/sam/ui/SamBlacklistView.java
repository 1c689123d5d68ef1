package cn.healthcard.sam.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.sam.SamBlacklistService;
import cn.healthcard.sam.SamCardView;
import cn.healthcard.sam.SamStatus;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** 「SAM卡黑名单」 (BL-01): the frozen and cancelled SAM cards of the user's region, searchable by number and status. */
@Route(value = "sam/blacklist", layout = MainLayout.class)
@RolesAllowed({"CLERK", "SUPERVISOR", "AUDITOR", "ADMIN"})
class SamBlacklistView extends VerticalLayout implements HasDynamicTitle {

    SamBlacklistView(SamBlacklistService blacklist) {
        add(new H2(getTranslation("sam.blacklist.title")));
        var samNo = new TextField(getTranslation("sam.samNo"));
        samNo.setId("sam-blacklist-no");
        var status = new ComboBox<SamStatus>(getTranslation("sam.status"));
        status.setItems(SamStatus.FROZEN, SamStatus.CANCELLED);
        status.setItemLabelGenerator(SamStatus::nameZh);
        status.setClearButtonVisible(true);
        Grid<SamCardView> grid = new Grid<>();
        grid.setId("sam-blacklist-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(SamCardView::samNo).setHeader(getTranslation("sam.samNo")).setAutoWidth(true);
        grid.addColumn(c -> c.status().nameZh()).setHeader(getTranslation("sam.status"));
        grid.addColumn(SamCardView::placeCode).setHeader(getTranslation("sam.place"));
        grid.addColumn(c -> c.terminalNo() == null ? "" : c.terminalNo()).setHeader(getTranslation("sam.terminalNo"));
        grid.addColumn(c -> ChinaTime.minutes(c.updatedAt())).setHeader(getTranslation("sam.blacklist.since"));
        var total = new Span();
        Runnable refresh = () -> ScreenNotices.attempt(() -> {
            var page = blacklist.listed(ScreenNotices.blankToNull(samNo.getValue()), status.getValue(), 0, 200);
            grid.setItems(page.items());
            total.setText(getTranslation("sam.total", page.total(), 1));
        });
        var search = new Button(getTranslation("sam.search"), e -> refresh.run());
        search.setId("sam-blacklist-search");
        var bar = new HorizontalLayout(samNo, status, search);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(bar, grid, total);
        refresh.run();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("sam.blacklist.title") + " · " + getTranslation("app.title");
    }
}
