package cn.healthcard.supervision;

/** The home dashboard's key figures for the caller's scope. */
public record Dashboard(long todayApplications, long waitingReviews, long overdueTasks, long openIncidents,
        long lostThisWeek) {
}
