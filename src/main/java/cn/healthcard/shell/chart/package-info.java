/**
 * Interactive charts on screen (decision 035): {@link cn.healthcard.shell.chart.EChart} draws a
 * {@link cn.healthcard.report.ChartSpec} with the pinned Apache ECharts bundle, served behind the login at
 * {@code /vendor/echarts/echarts.min.js}, and reports a click on a bar, point or slice as a
 * {@link cn.healthcard.shell.chart.ChartClickEvent} with indexes only. The same spec prints into PDFs through
 * {@code report.ChartImages}.
 */
@org.springframework.modulith.NamedInterface("chart")
package cn.healthcard.shell.chart;
