package cn.healthcard.filing;

/** How an application came in: the applicant's machine client, or the national centre's desk on its behalf. */
public enum FilingChannel {
    API, DESK
}
