package cn.healthcard.supervision;

/** The period a time series is grouped by: a China day, an ISO week (starting Monday) or a calendar month. */
public enum Granularity { DAY, WEEK, MONTH }
